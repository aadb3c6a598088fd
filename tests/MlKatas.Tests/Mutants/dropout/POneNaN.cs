// Expect: NonFinite
// Mistake: No special case for p = 1: x·mask/(1 − p) is 0/0 = NaN when every element is dropped.
namespace MlKatas.Katas;

public static class Dropout
{
    public static Tensor Forward(Tensor x, Tensor u, double p, bool training)
    {
        if (!training) return x.clone();
        return x * u.ge(p) / (1 - p);
    }

    public static Tensor Backward(Tensor dy, Tensor u, double p, bool training)
    {
        if (!training) return dy.clone();
        return dy * u.ge(p) / (1 - p);
    }
}

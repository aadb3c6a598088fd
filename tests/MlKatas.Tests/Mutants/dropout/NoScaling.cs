// Expect: WrongAnswer
// Mistake: Zeroes the dropped elements but does not scale the kept ones by 1/(1 − p) (non-inverted dropout without the eval-time rescale).
namespace MlKatas.Katas;

public static class Dropout
{
    public static Tensor Forward(Tensor x, Tensor u, double p, bool training)
    {
        if (!training) return x.clone();
        return x * u.ge(p);
    }

    public static Tensor Backward(Tensor dy, Tensor u, double p, bool training)
    {
        if (!training) return dy.clone();
        return dy * u.ge(p);
    }
}

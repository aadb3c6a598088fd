// Expect: WrongAnswer
// Mistake: Keeps where u > p: an element whose u equals p exactly is dropped instead of kept.
namespace MlKatas.Katas;

public static class Dropout
{
    public static Tensor Forward(Tensor x, Tensor u, double p, bool training)
    {
        if (!training) return x.clone();
        if (p >= 1) return torch.zeros_like(x);
        return x * u.gt(p) / (1 - p);
    }

    public static Tensor Backward(Tensor dy, Tensor u, double p, bool training)
    {
        if (!training) return dy.clone();
        if (p >= 1) return torch.zeros_like(dy);
        return dy * u.gt(p) / (1 - p);
    }
}

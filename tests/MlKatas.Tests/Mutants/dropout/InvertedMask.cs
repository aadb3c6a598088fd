// Expect: WrongAnswer
// Mistake: Keeps where u < p (p read as the keep probability) instead of u ≥ p.
namespace MlKatas.Katas;

public static class Dropout
{
    public static Tensor Forward(Tensor x, Tensor u, double p, bool training)
    {
        if (!training) return x.clone();
        if (p >= 1) return torch.zeros_like(x);
        return x * u.lt(p) / (1 - p);
    }

    public static Tensor Backward(Tensor dy, Tensor u, double p, bool training)
    {
        if (!training) return dy.clone();
        if (p >= 1) return torch.zeros_like(dy);
        return dy * u.lt(p) / (1 - p);
    }
}

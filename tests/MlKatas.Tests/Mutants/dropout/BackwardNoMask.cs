// Expect: WrongGradient
// Mistake: A correct forward, but the backward scales every element of dy by 1/(1 − p), dropped ones included (the mask is forgotten).
namespace MlKatas.Katas;

public static class Dropout
{
    public static Tensor Forward(Tensor x, Tensor u, double p, bool training)
    {
        if (!training) return x.clone();
        if (p >= 1) return torch.zeros_like(x);
        return x * u.ge(p) / (1 - p);
    }

    public static Tensor Backward(Tensor dy, Tensor u, double p, bool training)
    {
        if (!training) return dy.clone();
        if (p >= 1) return torch.zeros_like(dy);
        return dy / (1 - p);
    }
}

// Expect: WrongAnswer
// Mistake: Masks only in training but scales by 1/(1 − p) in both modes (eval must be the identity).
namespace MlKatas.Katas;

public static class Dropout
{
    public static Tensor Forward(Tensor x, Tensor u, double p, bool training)
    {
        if (p >= 1) return torch.zeros_like(x);
        var kept = training ? x * u.ge(p) : x;
        return kept / (1 - p);
    }

    public static Tensor Backward(Tensor dy, Tensor u, double p, bool training)
    {
        if (p >= 1) return torch.zeros_like(dy);
        var kept = training ? dy * u.ge(p) : dy;
        return kept / (1 - p);
    }
}

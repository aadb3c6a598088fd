// Expect: ForbiddenApi
// Mistake: Calls torch.nn.functional.dropout (whose mask comes from torch's generator, not from u).
namespace MlKatas.Katas;

public static class Dropout
{
    public static Tensor Forward(Tensor x, Tensor u, double p, bool training)
        => torch.nn.functional.dropout(x, p, training);

    public static Tensor Backward(Tensor dy, Tensor u, double p, bool training)
    {
        if (!training) return dy.clone();
        if (p >= 1) return torch.zeros_like(dy);
        return dy * u.ge(p) / (1 - p);
    }
}

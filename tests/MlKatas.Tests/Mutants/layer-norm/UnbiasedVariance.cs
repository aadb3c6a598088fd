// Expect: NonFinite
// Mistake: Uses the unbiased variance (÷ (D − 1), torch.var's default) instead of the biased one (÷ D): off by √(D/(D−1)) everywhere, and 0/0 = NaN when D = 1.
namespace MlKatas.Katas;

public static class LayerNorm
{
    public static Tensor Forward(Tensor x, Tensor gamma, Tensor beta, double eps)
    {
        var centred = x - x.mean([-1], keepdim: true);
        return centred / (x.var(-1, keepdim: true) + eps).sqrt() * gamma + beta;
    }

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps)
    {
        var centred = x - x.mean([-1], keepdim: true);
        var rstd = (x.var(-1, keepdim: true) + eps).rsqrt();
        var xhat = centred * rstd;
        var g = dy * gamma;
        var dx = rstd * (g - g.mean([-1], keepdim: true) - xhat * (g * xhat).mean([-1], keepdim: true));
        var leading = Leading(x);
        return (dx, SumLeading(dy * xhat, leading), SumLeading(dy.clone(), leading));
    }

    private static long[] Leading(Tensor x) => Enumerable.Range(0, (int)x.dim() - 1).Select(i => (long)i).ToArray();

    private static Tensor SumLeading(Tensor t, long[] leading) => leading.Length == 0 ? t : t.sum(leading);
}

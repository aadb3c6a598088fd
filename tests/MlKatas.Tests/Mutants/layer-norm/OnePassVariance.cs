// Expect: WrongAnswer
// Mistake: One-pass variance E[x²] − E[x]²: catastrophic cancellation when the mean is large (x ≈ 1e5).
namespace MlKatas.Katas;

public static class LayerNorm
{
    public static Tensor Forward(Tensor x, Tensor gamma, Tensor beta, double eps)
    {
        var mean = x.mean([-1], keepdim: true);
        var variance = x.square().mean([-1], keepdim: true) - mean.square();
        return (x - mean) / (variance + eps).sqrt() * gamma + beta;
    }

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps)
    {
        var mean = x.mean([-1], keepdim: true);
        var rstd = (x.square().mean([-1], keepdim: true) - mean.square() + eps).rsqrt();
        var xhat = (x - mean) * rstd;
        var g = dy * gamma;
        var dx = rstd * (g - g.mean([-1], keepdim: true) - xhat * (g * xhat).mean([-1], keepdim: true));
        var leading = Leading(x);
        return (dx, SumLeading(dy * xhat, leading), SumLeading(dy.clone(), leading));
    }

    private static long[] Leading(Tensor x) => Enumerable.Range(0, (int)x.dim() - 1).Select(i => (long)i).ToArray();

    private static Tensor SumLeading(Tensor t, long[] leading) => leading.Length == 0 ? t : t.sum(leading);
}

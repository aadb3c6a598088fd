// Expect: WrongAnswer
// Mistake: Adds eps to the standard deviation instead of the variance: (x − μ) / (σ + eps).
namespace MlKatas.Katas;

public static class LayerNorm
{
    public static Tensor Forward(Tensor x, Tensor gamma, Tensor beta, double eps)
    {
        var centred = x - x.mean([-1], keepdim: true);
        return centred / (centred.square().mean([-1], keepdim: true).sqrt() + eps) * gamma + beta;
    }

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps)
    {
        var centred = x - x.mean([-1], keepdim: true);
        var rstd = 1 / (centred.square().mean([-1], keepdim: true).sqrt() + eps);
        var xhat = centred * rstd;
        var g = dy * gamma;
        var dx = rstd * (g - g.mean([-1], keepdim: true) - xhat * (g * xhat).mean([-1], keepdim: true));
        var leading = Leading(x);
        return (dx, SumLeading(dy * xhat, leading), SumLeading(dy.clone(), leading));
    }

    private static long[] Leading(Tensor x) => Enumerable.Range(0, (int)x.dim() - 1).Select(i => (long)i).ToArray();

    private static Tensor SumLeading(Tensor t, long[] leading) => leading.Length == 0 ? t : t.sum(leading);
}

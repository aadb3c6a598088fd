// Expect: WrongGradient
// Mistake: A correct forward, but dx drops the mean(g) term (g = dy·gamma): dx = rstd·(g − x̂·mean(g·x̂)), forgetting that the mean depends on every x.
namespace MlKatas.Katas;

public static class LayerNorm
{
    public static Tensor Forward(Tensor x, Tensor gamma, Tensor beta, double eps)
    {
        var centred = x - x.mean([-1], keepdim: true);
        return centred / (centred.square().mean([-1], keepdim: true) + eps).sqrt() * gamma + beta;
    }

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps)
    {
        var centred = x - x.mean([-1], keepdim: true);
        var rstd = (centred.square().mean([-1], keepdim: true) + eps).rsqrt();
        var xhat = centred * rstd;
        var g = dy * gamma;
        var dx = rstd * (g - xhat * (g * xhat).mean([-1], keepdim: true));
        var leading = Leading(x);
        return (dx, SumLeading(dy * xhat, leading), SumLeading(dy.clone(), leading));
    }

    private static long[] Leading(Tensor x) => Enumerable.Range(0, (int)x.dim() - 1).Select(i => (long)i).ToArray();

    private static Tensor SumLeading(Tensor t, long[] leading) => leading.Length == 0 ? t : t.sum(leading);
}

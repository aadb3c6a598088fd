// Expect: WrongShape
// Mistake: Returns dgamma and dbeta per row (dy·x̂ and dy, shaped like x) without summing over the batch and time dims.
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
        var dx = rstd * (g - g.mean([-1], keepdim: true) - xhat * (g * xhat).mean([-1], keepdim: true));
        return (dx, dy * xhat, dy.clone());
    }
}

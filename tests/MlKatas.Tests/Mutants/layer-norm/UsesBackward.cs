// Expect: ForbiddenApi
// Mistake: Gets the gradients from autograd (requires_grad + backward) instead of deriving them.
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
        var xg = x.detach().clone().requires_grad_(true);
        var gg = gamma.detach().clone().requires_grad_(true);
        var bg = torch.zeros_like(gamma).requires_grad_(true);
        var y = Forward(xg, gg, bg, eps);
        (y * dy).sum().backward();
        return (xg.grad!.clone(), gg.grad!.clone(), bg.grad!.clone());
    }
}

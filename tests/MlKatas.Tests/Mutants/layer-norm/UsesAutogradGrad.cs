// Expect: ForbiddenApi
// Mistake: Gets the gradients from torch.autograd.grad instead of deriving them.
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
        var grads = torch.autograd.grad([y], [xg, gg, bg], [dy]);
        return (grads[0], grads[1], grads[2]);
    }
}

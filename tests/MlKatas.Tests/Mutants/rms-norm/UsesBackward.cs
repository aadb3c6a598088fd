// Expect: ForbiddenApi
// Mistake: Gets the gradients from autograd (requires_grad + backward) instead of deriving them.
namespace MlKatas.Katas;

public static class RmsNorm
{
    public static Tensor Forward(Tensor x, Tensor weight, double eps)
    {
        // Out of place throughout: the grader differentiates this forward with autograd to grade Backward.
        using var scope = torch.NewDisposeScope();
        var rstd = torch.rsqrt(x.square().mean([-1], keepdim: true) + eps);
        return (x * rstd * weight).MoveToOuterDisposeScope();
    }

    public static (Tensor Dx, Tensor DWeight) Backward(Tensor dy, Tensor x, Tensor weight, double eps)
    {
        var xg = x.detach().clone().requires_grad_(true);
        var wg = weight.detach().clone().requires_grad_(true);
        (Forward(xg, wg, eps) * dy).sum().backward();
        return (xg.grad!.clone(), wg.grad!.clone());
    }
}

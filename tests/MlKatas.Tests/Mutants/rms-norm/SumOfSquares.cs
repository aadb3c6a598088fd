// Expect: WrongAnswer
// Mistake: Normalises by the L2 norm, sqrt(Σ x² + eps), instead of the root MEAN square (off by sqrt(D)).
namespace MlKatas.Katas;

public static class RmsNorm
{
    public static Tensor Forward(Tensor x, Tensor weight, double eps)
    {
        // Out of place throughout: the grader differentiates this forward with autograd to grade Backward.
        using var scope = torch.NewDisposeScope();
        var rstd = torch.rsqrt(x.square().sum([-1], keepdim: true) + eps);
        return (x * rstd * weight).MoveToOuterDisposeScope();
    }

    public static (Tensor Dx, Tensor DWeight) Backward(Tensor dy, Tensor x, Tensor weight, double eps)
    {
        using var scope = torch.NewDisposeScope();
        var rstd = torch.rsqrt(x.square().sum([-1], keepdim: true).add_(eps));
        var xhat = x * rstd;
        var g = dy * weight;
        var dx = (g - xhat * (g * xhat).mean([-1], keepdim: true)).mul_(rstd);
        var prod = dy * xhat;
        var dweight = x.dim() == 1 ? prod : prod.reshape(-1, x.shape[^1]).sum(dim: 0);
        return (dx.MoveToOuterDisposeScope(), dweight.MoveToOuterDisposeScope());
    }
}

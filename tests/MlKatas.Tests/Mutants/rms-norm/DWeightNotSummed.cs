// Expect: WrongShape
// Mistake: A correct forward and dx, but dweight = dy·x̂ elementwise, not summed over the leading dims ([..., D] instead of [D]).
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
        using var scope = torch.NewDisposeScope();
        var rstd = torch.rsqrt(x.square().mean([-1], keepdim: true).add_(eps));
        var xhat = x * rstd;
        var g = dy * weight;
        var dx = (g - xhat * (g * xhat).mean([-1], keepdim: true)).mul_(rstd);
        var prod = dy * xhat;
        var dweight = prod;
        return (dx.MoveToOuterDisposeScope(), dweight.MoveToOuterDisposeScope());
    }
}

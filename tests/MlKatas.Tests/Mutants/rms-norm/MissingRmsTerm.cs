// Expect: WrongGradient
// Mistake: A correct forward, but dx treats the rms as a constant: dx = dy·weight·rstd, without the −x̂·mean(g·x̂) path through mean(x²).
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
        var dx = g * rstd;
        var prod = dy * xhat;
        var dweight = x.dim() == 1 ? prod : prod.reshape(-1, x.shape[^1]).sum(dim: 0);
        return (dx.MoveToOuterDisposeScope(), dweight.MoveToOuterDisposeScope());
    }
}

// Expect: Passed
// Mistake: None: the staged (cs231n-style) backward through dvar and dmu, a control for the speed budget.
namespace MlKatas.Katas;

public static class LayerNorm
{
    public static Tensor Forward(Tensor x, Tensor gamma, Tensor beta, double eps)
    {
        using var scope = torch.NewDisposeScope();
        var mu = x.mean([-1], keepdim: true);
        var variance = (x - mu).pow(2).mean([-1], keepdim: true);
        var y = (x - mu) / torch.sqrt(variance + eps) * gamma + beta;
        return y.MoveToOuterDisposeScope();
    }

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps)
    {
        using var scope = torch.NewDisposeScope();
        long d = x.shape[^1];
        var mu = x.mean([-1], keepdim: true);
        var xmu = x - mu;
        var variance = xmu.pow(2).mean([-1], keepdim: true);
        var invStd = 1.0 / torch.sqrt(variance + eps);
        var xhat = xmu * invStd;
        var dxhat = dy * gamma;
        var dvar = (dxhat * xmu).sum(-1, keepdim: true) * -0.5 * invStd.pow(3);
        var dmu = (-dxhat * invStd).sum(-1, keepdim: true) + dvar * (-2.0 * xmu).mean([-1], keepdim: true);
        var dx = dxhat * invStd + dvar * 2.0 * xmu / d + dmu / d;
        var flatDy = dy.reshape(-1, d);
        var dgamma = (flatDy * xhat.reshape(-1, d)).sum(dim: 0);
        var dbeta = flatDy.sum(dim: 0);
        return (dx.MoveToOuterDisposeScope(), dgamma.MoveToOuterDisposeScope(), dbeta.MoveToOuterDisposeScope());
    }
}

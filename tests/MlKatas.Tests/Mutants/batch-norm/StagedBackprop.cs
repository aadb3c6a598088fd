// Expect: Passed
// Mistake: None — a control. The forward uses torch.var_mean-free explicit reductions with a [1, C, 1, 1] view built
// per call, and the backward goes in cs231n stages (dxhat, dvar, dmean, then dx), a strong candidate's usual derivation.
namespace MlKatas.Katas;

public static class BatchNorm
{
    public static (Tensor Y, Tensor RunningMean, Tensor RunningVar) ForwardTrain(Tensor x, Tensor gamma, Tensor beta,
        Tensor runningMean, Tensor runningVar, double momentum, double eps)
    {
        using var scope = torch.NewDisposeScope();
        var (dims, shape, m) = Layout(x);
        var mu = x.sum(dims, keepdim: true) / m;
        var xc = x - mu;
        var v = (xc * xc).sum(dims, keepdim: true) / m;
        var y = xc / (v + eps).sqrt() * gamma.reshape(shape) + beta.reshape(shape);
        var rm = (1 - momentum) * runningMean + momentum * mu.reshape(-1);
        var rv = (1 - momentum) * runningVar + momentum * (v.reshape(-1) * m / (m - 1));
        return (y.MoveToOuterDisposeScope(), rm.MoveToOuterDisposeScope(), rv.MoveToOuterDisposeScope());
    }

    public static Tensor ForwardEval(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, double eps)
    {
        using var scope = torch.NewDisposeScope();
        var (_, shape, _) = Layout(x);
        return ((x - runningMean.reshape(shape)) / (runningVar.reshape(shape) + eps).sqrt() * gamma.reshape(shape) + beta.reshape(shape))
            .MoveToOuterDisposeScope();
    }

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps)
    {
        using var scope = torch.NewDisposeScope();
        var (dims, shape, m) = Layout(x);
        var mu = x.sum(dims, keepdim: true) / m;
        var xc = x - mu;
        var v = (xc * xc).sum(dims, keepdim: true) / m;
        var std = (v + eps).sqrt();
        var xhat = xc / std;
        var dxhat = dy * gamma.reshape(shape);
        var dvar = (dxhat * xc).sum(dims, keepdim: true) * -0.5 * (v + eps).pow(-1.5);
        var dmu = (-dxhat / std).sum(dims, keepdim: true) + dvar * (-2.0 * xc).sum(dims, keepdim: true) / m;
        var dx = dxhat / std + dvar * 2.0 * xc / m + dmu / m;
        return (dx.MoveToOuterDisposeScope(), (dy * xhat).sum(dims).MoveToOuterDisposeScope(), dy.sum(dims).MoveToOuterDisposeScope());
    }

    private static (long[] Dims, long[] Shape, double M) Layout(Tensor x)
    {
        var dims = new List<long> { 0 };
        var shape = new List<long> { 1, x.shape[1] };
        for (long d = 2; d < x.dim(); d++)
        {
            dims.Add(d);
            shape.Add(1);
        }
        return (dims.ToArray(), shape.ToArray(), (double)(x.numel() / x.shape[1]));
    }
}

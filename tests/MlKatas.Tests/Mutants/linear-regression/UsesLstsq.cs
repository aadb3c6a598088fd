// Expect: ForbiddenApi
// Mistake: calls torch.linalg.lstsq, which does the whole job the kata asks to write.
namespace MlKatas.Katas;

public static class LinearRegression
{
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var xa = torch.cat(new[] { x, torch.ones(x.shape[0], 1, dtype: float64) }, dim: 1);
        var theta = torch.linalg.lstsq(xa, y.unsqueeze(1)).Solution.squeeze(1);
        var w = theta[..(int)x.shape[1]].clone();
        double b = theta[x.shape[1]].item<double>();
        return (w.MoveToOuterDisposeScope(), b);
    }

    public static (Tensor Weights, double Bias) FitGradientDescent(Tensor x, Tensor y, double learningRate, int steps)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1];
        // theta = [w; b] on the design [x, 1]
        var xa = torch.cat(new[] { x, torch.ones(n, 1, dtype: float64) }, dim: 1);
        var theta = torch.zeros(d + 1, dtype: float64);
        for (int step = 0; step < steps; step++)
        {
            using var iteration = torch.NewDisposeScope();
            var residual = xa.mv(theta) - y;
            var next = theta - learningRate * xa.t().mv(residual) / n;
            theta.Dispose();
            theta = next.MoveToOuterDisposeScope();
        }
        return (theta[..(int)d].clone().MoveToOuterDisposeScope(), theta[d].item<double>());
    }
}

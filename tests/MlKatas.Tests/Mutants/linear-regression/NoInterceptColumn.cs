// Expect: WrongAnswer
// Mistake: Fit solves xᵀx w = xᵀy without an intercept column (b = 0), so the line is forced through the origin.
namespace MlKatas.Katas;

public static class LinearRegression
{
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.linalg.solve(x.t().matmul(x), x.t().mv(y));   // no column of ones
        double b = 0;
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

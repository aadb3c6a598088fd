// Expect: TooSlow
// Mistake: accumulates the gradient one sample at a time in a C# loop (n tensor calls per step where one mv exists).
namespace MlKatas.Katas;

public static class LinearRegression
{
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var xMean = x.mean(new long[] { 0 });
        double yMean = y.mean().item<double>();
        var xc = x - xMean;
        var w = torch.linalg.solve(xc.t().matmul(xc), xc.t().mv(y - yMean));   // centred normal equations
        double b = yMean - xMean.dot(w).item<double>();
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
            var gradient = torch.zeros(d + 1, dtype: float64);
            for (long i = 0; i < n; i++)
            {
                gradient.add_(xa[i] * residual[i]);
            }
            var next = theta - learningRate * gradient / n;
            theta.Dispose();
            theta = next.MoveToOuterDisposeScope();
        }
        return (theta[..(int)d].clone().MoveToOuterDisposeScope(), theta[d].item<double>());
    }
}

// Expect: Passed
// Mistake: None: the control. Fit by the normal equations of the centred data (linalg.solve), gradient descent
// on the augmented design [x, 1] with theta = [w; b].
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
            var next = theta - learningRate * xa.t().mv(residual) / n;
            theta.Dispose();
            theta = next.MoveToOuterDisposeScope();
        }
        return (theta[..(int)d].clone().MoveToOuterDisposeScope(), theta[d].item<double>());
    }
}

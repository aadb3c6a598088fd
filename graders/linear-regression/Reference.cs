namespace MlKatas.Katas;

/// <summary>
/// Reference for the linear-regression kata: exact least squares with an intercept (QR of the centred design), and
/// batch gradient descent on the mean squared error.
/// </summary>
public static class LinearRegression
{
    /// <summary>
    /// Minimises ‖x w + b − y‖². Centring x and y removes the intercept from the problem (b = ȳ − x̄·w) and keeps the
    /// conditioning of the features themselves; QR then avoids squaring it, as the normal equations would.
    /// </summary>
    /// <param name="x">Features [n,d], float64, with [x, 1] of full column rank.</param>
    /// <param name="y">Targets [n], float64.</param>
    /// <returns>Weights [d] float64 and the bias.</returns>
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var xMean = x.mean([0]);
        double yMean = y.mean().item<double>();
        var (q, r) = torch.linalg.qr(x - xMean);                            // reduced: q [n,d], r [d,d]
        var weights = torch.linalg.solve(r, q.t().mv(y - yMean));           // r is triangular and invertible
        double bias = yMean - xMean.dot(weights).item<double>();
        return (weights.MoveToOuterDisposeScope(), bias);
    }

    /// <summary>
    /// <paramref name="steps"/> steps of batch gradient descent on L(w, b) = ‖x w + b − y‖² / (2n) from w = 0, b = 0:
    /// r = x w + b − y; w −= lr·xᵀr/n; b −= lr·mean(r) (both from the same r).
    /// </summary>
    /// <param name="x">Features [n,d], float64.</param>
    /// <param name="y">Targets [n], float64.</param>
    /// <param name="learningRate">Step size lr &gt; 0.</param>
    /// <param name="steps">Number of updates, ≥ 0.</param>
    /// <returns>Weights [d] float64 and the bias after the last step.</returns>
    public static (Tensor Weights, double Bias) FitGradientDescent(Tensor x, Tensor y, double learningRate, int steps)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0];
        var xT = x.t();
        var weights = torch.zeros(x.shape[1], dtype: float64);
        double bias = 0;
        for (int step = 0; step < steps; step++)
        {
            using var iteration = torch.NewDisposeScope();
            var residual = x.mv(weights).add_(bias).sub_(y);
            double meanResidual = residual.mean().item<double>();
            weights.add_(xT.mv(residual), alpha: -learningRate / n);
            bias -= learningRate * meanResidual;
        }
        return (weights.MoveToOuterDisposeScope(), bias);
    }
}

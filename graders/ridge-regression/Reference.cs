namespace MlKatas.Katas;

/// <summary>Reference for the ridge-regression kata: the closed form on centred data (the intercept is not penalised).</summary>
public static class RidgeRegression
{
    /// <summary>
    /// Minimises ‖x w + b − y‖² + l2·‖w‖². For any w the best b is ȳ − x̄·w, so with xc = x − x̄ and yc = y − ȳ
    /// the weights solve (xcᵀxc + l2·I) w = xcᵀyc — symmetric positive definite for l2 &gt; 0, even when n &lt; d.
    /// </summary>
    /// <param name="x">Features [n,d], float64.</param>
    /// <param name="y">Targets [n], float64.</param>
    /// <param name="l2">Penalty on the weights, &gt; 0.</param>
    /// <returns>Weights [d] float64 and the bias.</returns>
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y, double l2)
    {
        using var scope = torch.NewDisposeScope();
        long d = x.shape[1];
        var xMean = x.mean([0]);
        double yMean = y.mean().item<double>();
        var xc = x - xMean;
        var gram = xc.t().matmul(xc).add_(torch.eye(d, dtype: float64), alpha: l2);   // O(n·d²)
        var cholesky = torch.linalg.cholesky(gram);
        var weights = torch.cholesky_solve(xc.t().mv(y - yMean).unsqueeze(1), cholesky).squeeze(1);
        double bias = yMean - xMean.dot(weights).item<double>();
        return (weights.MoveToOuterDisposeScope(), bias);
    }
}

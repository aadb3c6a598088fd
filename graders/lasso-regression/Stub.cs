namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="LassoRegression.Fit"/>.</summary>
/// <param name="Weights">The weights w, shape [d], float64.</param>
/// <param name="Bias">The intercept b = ȳ − x̄·w (not penalised).</param>
/// <param name="Objective">J(w, b) = (1/(2n))·‖y − x·w − b‖² + α·‖w‖₁ at the returned w and b.</param>
public sealed record LassoResult(Tensor Weights, double Bias, double Objective);

/// <summary>
/// The lasso fitted by cyclic coordinate descent with soft-thresholding on centred data, following the loop in
/// README.md exactly (start from w = 0, coordinates 0 … d − 1 in order, stop after the first sweep that moves no
/// weight by more than tol, or after maxSweeps sweeps).
/// </summary>
public static class LassoRegression
{
    /// <summary>
    /// Minimises (1/(2n))·‖y − x·w − b‖² + α·‖w‖₁ over w and the unpenalised intercept b by cyclic coordinate descent.
    /// </summary>
    /// <param name="x">Features, shape [n, d], float64. Must not be modified.</param>
    /// <param name="y">Targets, shape [n], float64. Must not be modified.</param>
    /// <param name="alpha">The L1 penalty α &gt; 0 (the soft-threshold of the mean-form update).</param>
    /// <param name="tol">Stop after the first sweep in which no weight changed by more than this.</param>
    /// <param name="maxSweeps">The most sweeps (passes over all d coordinates) to run, ≥ 1.</param>
    /// <returns>The weights [d] float64, the intercept, and the objective at them.</returns>
    public static LassoResult Fit(Tensor x, Tensor y, double alpha, double tol, int maxSweeps)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

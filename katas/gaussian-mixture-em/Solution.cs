namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="GaussianMixture.Fit"/>.</summary>
/// <param name="Weights">Final mixing weights, shape [K], float64 (they sum to 1).</param>
/// <param name="Means">Final component means, shape [K, d], float64.</param>
/// <param name="Variances">Final per-dimension variances (diagonal covariances), shape [K, d], float64.</param>
/// <param name="Responsibilities">Posterior P(component k | xᵢ) under the final parameters, shape [n, K], float64 (rows sum to 1).</param>
/// <param name="LogLikelihoods">Mean log-likelihood per point under the parameters after t M-steps, for t = 0 … iterations: shape [iterations + 1], float64.</param>
public sealed record GmmResult(Tensor Weights, Tensor Means, Tensor Variances, Tensor Responsibilities, Tensor LogLikelihoods);

/// <summary>
/// Expectation–maximisation for a Gaussian mixture with diagonal covariances, from given initial parameters, for a
/// fixed number of iterations (README.md gives the exact loop).
/// </summary>
public static class GaussianMixture
{
    /// <summary>
    /// Runs <paramref name="iterations"/> EM steps (E-step, then M-step with regCovar added to every variance) from the
    /// given parameters, then one last E-step for the returned responsibilities and the last log-likelihood.
    /// </summary>
    /// <param name="x">Points, shape [n, d], float64. Must not be modified.</param>
    /// <param name="weights">Initial mixing weights, shape [K], float64, positive, summing to 1.</param>
    /// <param name="means">Initial means, shape [K, d], float64. Component k stays component k.</param>
    /// <param name="variances">Initial variances, shape [K, d], float64, positive (used as given: regCovar is not added to them).</param>
    /// <param name="iterations">Number of M-steps, ≥ 0. With 0, return the initial parameters.</param>
    /// <param name="regCovar">Added to every variance after each M-step (scikit-learn's reg_covar), ≥ 0.</param>
    /// <returns>Final weights [K], means [K, d], variances [K, d], responsibilities [n, K] and the log-likelihoods [iterations + 1].</returns>
    public static GmmResult Fit(Tensor x, Tensor weights, Tensor means, Tensor variances, int iterations, double regCovar)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Pca.Fit"/>.</summary>
/// <param name="Components">The k principal axes as ROWS, shape [k, d], float64, in order of decreasing variance; in each row the entry of largest |value| is positive.</param>
/// <param name="ExplainedVariance">The variance of the data along each axis (sample variance, n − 1 denominator), shape [k], float64.</param>
/// <param name="ExplainedVarianceRatio">Each explained variance divided by the total variance of the data (the sum over all d directions), shape [k], float64.</param>
/// <param name="Projection">The points projected onto the components: (points − mean of x) · Componentsᵀ, shape [m, k], float64.</param>
public sealed record PcaResult(Tensor Components, Tensor ExplainedVariance, Tensor ExplainedVarianceRatio, Tensor Projection);

/// <summary>Principal component analysis, as scikit-learn's PCA computes it, with a fixed sign convention.</summary>
public static class Pca
{
    /// <summary>
    /// Fits PCA with <paramref name="nComponents"/> components on <paramref name="x"/>: centre the data, take the
    /// eigenvectors of its sample covariance (or the right singular vectors of the centred data) in order of decreasing
    /// variance, apply the sign rule, and project <paramref name="points"/> onto them.
    /// </summary>
    /// <param name="x">Data, shape [n, d], float64, n ≥ 2. Must not be modified.</param>
    /// <param name="nComponents">k, the number of components, 1 ≤ k ≤ min(n − 1, d).</param>
    /// <param name="points">Points to project, shape [m, d], float64 (new points, or x itself). Must not be modified.</param>
    /// <returns>Components [k, d], explained variances [k], their ratios [k] and the projection [m, k], all float64.</returns>
    public static PcaResult Fit(Tensor x, int nComponents, Tensor points)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

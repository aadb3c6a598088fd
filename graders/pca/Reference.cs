namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Pca.Fit"/>.</summary>
/// <param name="Components">Principal axes as rows [k,d], float64, by decreasing variance, sign rule applied.</param>
/// <param name="ExplainedVariance">Variance along each axis (n − 1 denominator) [k], float64.</param>
/// <param name="ExplainedVarianceRatio">Each variance over the total variance [k], float64.</param>
/// <param name="Projection">(points − mean of x) · Componentsᵀ [m,k], float64.</param>
public sealed record PcaResult(Tensor Components, Tensor ExplainedVariance, Tensor ExplainedVarianceRatio, Tensor Projection);

/// <summary>Reference for the pca kata: eigendecomposition of the sample covariance.</summary>
public static class Pca
{
    /// <summary>Fits PCA with k components on x and projects points onto them.</summary>
    /// <param name="x">Data [n,d], float64, n ≥ 2.</param>
    /// <param name="nComponents">k, 1 ≤ k ≤ min(n − 1, d).</param>
    /// <param name="points">Points to project [m,d], float64.</param>
    /// <returns>Components, explained variances and ratios, projection.</returns>
    public static PcaResult Fit(Tensor x, int nComponents, Tensor points)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], k = nComponents;
        var mean = x.mean([0]);
        var centred = x - mean;
        // d×d covariance, O(n·d²): for the tall data PCA usually sees this is cheaper than an SVD of the n×d data.
        var covariance = centred.t().matmul(centred).div_(n - 1);
        var (eigenvalues, eigenvectors) = torch.linalg.eigh(covariance);   // ascending, vectors as columns
        var variances = eigenvalues.flip(0)[..(int)k];
        var axes = eigenvectors.flip(1)[.., ..(int)k].t();                  // [k,d], decreasing variance
        // Sign rule: the entry of largest |value| of each component is positive.
        var signs = axes.gather(1, axes.abs().argmax(dim: 1, keepdim: true)).sign();
        var components = axes * signs;
        var ratio = variances / covariance.diagonal().sum();               // total variance = trace
        var projection = (points - mean).matmul(components.t());
        return new PcaResult(components.MoveToOuterDisposeScope(), variances.contiguous().MoveToOuterDisposeScope(),
            ratio.MoveToOuterDisposeScope(), projection.MoveToOuterDisposeScope());
    }
}

namespace MlKatas.Katas;

/// <summary>The top eigenpairs of a symmetric positive semi-definite matrix (a covariance) by power iteration with deflation.</summary>
public static class PowerIteration
{
    /// <summary>
    /// Finds the k = start.shape[0] largest eigenvalues of <paramref name="a"/> and their eigenvectors, one at a time:
    /// from row j of <paramref name="start"/>, <paramref name="iterations"/> steps of v ← Bv / ‖Bv‖; the eigenvalue is the
    /// Rayleigh quotient vᵀBv; then deflate B ← B − λ v vᵀ before the next one (B starts as <paramref name="a"/>).
    /// No eigen or singular-value solver may be called.
    /// </summary>
    /// <param name="a">A symmetric positive semi-definite matrix, shape [d, d], float64. Must not be modified.</param>
    /// <param name="start">Start vectors, shape [k, d], float64: row j starts the search for the j-th eigenvector. Must not be modified.</param>
    /// <param name="iterations">Power steps per eigenvector, ≥ 1.</param>
    /// <returns>
    /// The eigenvalues, shape [k], float64, largest first; and the eigenvectors as rows, shape [k, d], float64, unit length,
    /// each with its entry of largest |value| positive.
    /// </returns>
    public static (Tensor Eigenvalues, Tensor Eigenvectors) TopEigenpairs(Tensor a, Tensor start, int iterations)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

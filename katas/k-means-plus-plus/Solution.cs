namespace MlKatas.Katas;

/// <summary>
/// k-means++ seeding (D² sampling) made deterministic: the random numbers are given, so the chosen centres are
/// exactly determined by the rule in README.md.
/// </summary>
public static class KMeansPlusPlus
{
    /// <summary>
    /// Chooses k = uniforms.shape[0] initial centres among the points: the first is index min(⌊u₀·n⌋, n − 1); each
    /// next one is drawn with probability ∝ D(x)² — the squared distance from x to its nearest centre chosen so far —
    /// by inverse CDF on the next uniform: the first index i with D²ᵢ &gt; 0 and Cᵢ ≥ uⱼ·total, where C is the
    /// cumulative sum of D² and total = C[n − 1].
    /// </summary>
    /// <param name="x">Points, shape [n, d], float64, with at least k distinct rows. Must not be modified.</param>
    /// <param name="uniforms">u₀ … u_{k−1}, each in [0, 1), shape [k], float64. Must not be modified.</param>
    /// <returns>The chosen indices, shape [k], int64, in the order chosen; and the chosen points x[indices], shape [k, d], float64.</returns>
    public static (Tensor Indices, Tensor Centres) Seed(Tensor x, Tensor uniforms)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

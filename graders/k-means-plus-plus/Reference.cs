namespace MlKatas.Katas;

/// <summary>Reference for the k-means-plus-plus kata: D² seeding driven by given uniforms.</summary>
public static class KMeansPlusPlus
{
    /// <summary>
    /// Picks k = uniforms.shape[0] centres: the first at index min(⌊u₀·n⌋, n − 1), each next one by inverse CDF on
    /// D² (the squared distance to the nearest centre chosen so far): the first index i with D²ᵢ &gt; 0 and
    /// Cᵢ ≥ uⱼ·total, where C = cumsum(D²) and total = C[n − 1].
    /// </summary>
    /// <param name="x">Points [n,d], float64, at least k distinct rows.</param>
    /// <param name="uniforms">u₀ … u_{k−1} in [0, 1), [k], float64.</param>
    /// <returns>The chosen indices [k] int64 and the chosen points [k,d] float64.</returns>
    public static (Tensor Indices, Tensor Centres) Seed(Tensor x, Tensor uniforms)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], k = uniforms.shape[0];
        double[] u = uniforms.data<double>().ToArray();
        var indices = new long[k];
        indices[0] = Math.Min((long)Math.Floor(u[0] * n), n - 1);
        // D² to the nearest chosen centre, from differences: a chosen point (and any duplicate of it) gets exactly 0.
        var d2 = x.sub(x[indices[0]]).pow_(2).sum(dim: 1);
        for (long j = 1; j < k; j++)
        {
            using var step = torch.NewDisposeScope();
            var cumulative = d2.cumsum(0);
            var threshold = cumulative[n - 1].mul(u[j]);
            // First index with C ≥ t among points of positive weight (argmax returns the first maximum).
            var eligible = cumulative.ge(threshold).logical_and_(d2.gt(0));
            long i = eligible.to_type(ScalarType.Int32).argmax().item<long>();
            indices[j] = i;
            var next = torch.minimum(d2, x.sub(x[i]).pow_(2).sum(dim: 1));
            d2.Dispose();
            d2 = next.MoveToOuterDisposeScope();
        }
        var chosen = torch.tensor(indices);
        return (chosen.MoveToOuterDisposeScope(), x.index_select(0, chosen).MoveToOuterDisposeScope());
    }
}

namespace MlKatas.Katas;

/// <summary>Reference for the kv-cache-decoding kata: append, then attend with the causal mask offset by the cache length.</summary>
public static class KvCacheDecoding
{
    /// <summary>Appends k and v to the caches, then attends the new queries over them (key s visible to new token i iff s ≤ L + i).</summary>
    /// <param name="kCache">[B, H, L, D].</param>
    /// <param name="vCache">[B, H, L, D].</param>
    /// <param name="q">[B, H, n, D].</param>
    /// <param name="k">[B, H, n, D].</param>
    /// <param name="v">[B, H, n, D].</param>
    /// <returns>Output [B, H, n, D] and the caches [B, H, L + n, D].</returns>
    public static (Tensor Output, Tensor KCache, Tensor VCache) Step(Tensor kCache, Tensor vCache, Tensor q, Tensor k, Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        long cached = kCache.shape[2], n = q.shape[2], d = q.shape[3];
        var keys = torch.cat(new[] { kCache, k }, 2);       // append first: each new token sees itself
        var values = torch.cat(new[] { vCache, v }, 2);
        var scores = q.matmul(keys.transpose(-2, -1)).mul_(1.0 / Math.Sqrt(d));   // [B, H, n, L + n]
        if (n > 1)
        {
            // New token i sits at position L + i: it sees keys 0 … L + i (a single decoding step sees the whole cache).
            var allowed = torch.ones(n, cached + n, dtype: ScalarType.Bool).tril(cached);
            scores.masked_fill_(allowed.logical_not(), double.NegativeInfinity);
        }
        var output = scores.softmax(-1).matmul(values);
        return (output.MoveToOuterDisposeScope(), keys.MoveToOuterDisposeScope(), values.MoveToOuterDisposeScope());
    }
}

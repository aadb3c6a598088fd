namespace MlKatas.Katas;

/// <summary>Reference for the grouped-query-attention kata: the query heads of a group stacked, K and V never repeated.</summary>
public static class GroupedQueryAttention
{
    /// <summary>GQA with query head h reading key/value head h / (H/G); causal mask aligned to the end of the keys.</summary>
    /// <param name="q">[B, H, T, D].</param>
    /// <param name="k">[B, G, S, D].</param>
    /// <param name="v">[B, G, S, D].</param>
    /// <param name="causal">Mask key s for query t when s &gt; t + S − T.</param>
    /// <returns>[B, H, T, D].</returns>
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, bool causal)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], t = q.shape[2], d = q.shape[3];
        long g = k.shape[1], s = k.shape[2], r = h / g;

        // Heads g·r … g·r + r − 1 share kv head g: stack them along time, [B, G, R·T, D], and multiply by K as it is —
        // one batched matmul per group, no [B, H, S, D] copy of K or V.
        var qg = q.reshape(b, g, r * t, d);
        var scores = qg.matmul(k.transpose(-2, -1)).mul_(1.0 / Math.Sqrt(d));      // [B, G, R·T, S]
        if (causal)
        {
            var allowed = torch.ones(t, s, dtype: ScalarType.Bool).tril(s - t);       // s ≤ t + (S − T)
            scores = scores.view(b, g, r, t, s).masked_fill_(allowed.logical_not(), double.NegativeInfinity).view(b, g, r * t, s);
        }
        return scores.softmax(-1).matmul(v).view(b, h, t, d).MoveToOuterDisposeScope();
    }
}

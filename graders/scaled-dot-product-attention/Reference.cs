namespace MlKatas.Katas;

/// <summary>Reference for the scaled-dot-product-attention kata: dense masked attention, fully masked rows = 0.</summary>
public static class ScaledDotProductAttention
{
    /// <summary>
    /// softmax(q·kᵀ/√D over the allowed keys)·v, where key j is allowed for query i unless it is padding or
    /// (causal and j &gt; i); a query with no allowed key outputs 0.
    /// </summary>
    /// <param name="q">Queries [B,H,Tq,D], float32 or float64.</param>
    /// <param name="k">Keys [B,H,Tk,D], same dtype.</param>
    /// <param name="v">Values [B,H,Tk,Dv], same dtype.</param>
    /// <param name="keyPaddingMask">[B,Tk] bool, true = padding (ignored).</param>
    /// <param name="causal">Whether query i may only see keys j ≤ i.</param>
    /// <returns>[B,H,Tq,Dv], dtype of <paramref name="q"/>.</returns>
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, Tensor keyPaddingMask, bool causal)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], tq = q.shape[2], tk = k.shape[2], d = q.shape[3];

        // Scaling q (Tq·D numbers) is cheaper than scaling the scores (Tq·Tk).
        var scores = (q * (1.0 / Math.Sqrt(d))).matmul(k.transpose(-2, -1));     // [B,H,Tq,Tk]

        var masked = keyPaddingMask.view(b, 1, 1, tk);                           // true = may not attend
        if (causal)
        {
            var future = torch.ones(tq, tk, dtype: ScalarType.Bool).triu(1);   // j > i, top-left aligned
            masked = masked.logical_or(future);                                 // broadcasts to [B,1,Tq,Tk]
        }

        // softmax subtracts the row max, so scores of magnitude 1e4 do not overflow. A row with every key masked is
        // all −∞, which softmax turns into NaN; all of its entries are masked, so the second masked_fill zeroes it.
        var weights = torch.softmax(scores.masked_fill(masked, double.NegativeInfinity), -1)
            .masked_fill(masked, 0.0);
        return weights.matmul(v).MoveToOuterDisposeScope();
    }
}

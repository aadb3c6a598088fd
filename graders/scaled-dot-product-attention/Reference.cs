namespace MlKatas.Katas;

/// <summary>Reference for the scaled-dot-product-attention kata: dense masked attention, fully masked rows = 0.</summary>
public static class ScaledDotProductAttention
{
    // Scores are computed for a block of query rows at a time, at most this many elements per block (4 MB in float32).
    // The kata's cases fit in one block, so there the reference is the plain batched form. On long sequences a
    // whole [B,H,Tq,Tk] score matrix (67 MB at H = 4, T = 2048) is memory traffic in every element-wise pass plus a
    // fresh mmap'ed buffer per pass: masked_fill, softmax and masked_fill took ~0.3 s each of the whole 1.16 s. Blocks
    // that stay in the allocator's reused heap took the reference from 24 % to 54 % of the machine's matmul FLOP/s, and
    // zeroing fully masked rows only when there are any (one pass fewer) from 48 % to 48–70 % (median 57 %, nine runs) on a faster machine
    // (docs/benchmarks.md, "Dense kernels against this machine's fp32 matmul").
    private const long BlockElements = 1L << 20;

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
        long b = q.shape[0], h = q.shape[1], tq = q.shape[2], tk = k.shape[2], d = q.shape[3];
        long rows = Math.Max(1, BlockElements / Math.Max(1, b * h * tk));
        if (rows >= tq)
        {
            return Rows(q, k, v, keyPaddingMask, causal, 0, tq);
        }
        var output = torch.empty(b, h, tq, v.shape[3], dtype: q.dtype);
        for (long start = 0; start < tq; start += rows)
        {
            long n = Math.Min(rows, tq - start);
            using var block = Rows(q, k, v, keyPaddingMask, causal, start, n);
            using var destination = output.narrow(2, start, n);
            destination.copy_(block);
        }
        return output;
    }

    // Attention output for query rows [start, start + n): the whole computation for those rows.
    private static Tensor Rows(Tensor q, Tensor k, Tensor v, Tensor keyPaddingMask, bool causal, long start, long n)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], tk = k.shape[2], d = q.shape[3];

        // Scaling q (n·D numbers) is cheaper than scaling the scores (n·Tk).
        var scores = (q.narrow(2, start, n) * (1.0 / Math.Sqrt(d))).matmul(k.transpose(-2, -1));   // [B,H,n,Tk]

        var masked = keyPaddingMask.view(b, 1, 1, tk);                            // true = may not attend
        if (causal)
        {
            // query start + r may not see key j > start + r (top-left aligned)
            var future = torch.ones(n, tk, dtype: ScalarType.Bool).triu(1 + start);
            masked = masked.logical_or(future);                                  // broadcasts to [B,1,n,Tk]
        }

        // softmax subtracts the row max, so scores of magnitude 1e4 do not overflow. A row with every key masked is
        // all −∞, which softmax turns into NaN; those rows are zeroed afterwards — a pass over the weights only when
        // there is such a row (the mask is B·n·Tk booleans, H times smaller than the weights). Both fills are in
        // place: the scores and the weights are fresh tensors of this call.
        var weights = torch.softmax(scores.masked_fill_(masked, double.NegativeInfinity), -1);
        var empty = masked.all(-1, keepdim: true);                               // [B,1,n or 1,1]
        if (empty.any().item<bool>())
        {
            weights.masked_fill_(empty, 0.0);
        }
        return weights.matmul(v).MoveToOuterDisposeScope();
    }
}

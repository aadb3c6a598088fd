namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="FlashAttention.Forward"/>.</summary>
/// <param name="Output">Attention output O, shape [B, H, T, D], dtype of q.</param>
/// <param name="LogSumExp">L_t = log Σ_s exp(q_t·k_s/√D) over the allowed keys s, shape [B, H, T], dtype of q.</param>
public sealed record FlashAttentionResult(Tensor Output, Tensor LogSumExp);

/// <summary>Reference for the flash-attention-forward kata: tiled attention with the online-softmax recurrence.</summary>
public static class FlashAttention
{
    /// <summary>FlashAttention-2's forward: query blocks outside, key blocks inside, running max, running sum, rescaled accumulator.</summary>
    /// <param name="q">Queries [B, H, T, D], float32 or float64.</param>
    /// <param name="k">Keys [B, H, T, D], same dtype.</param>
    /// <param name="v">Values [B, H, T, D], same dtype.</param>
    /// <param name="causal">Whether query t sees only keys s ≤ t.</param>
    /// <param name="blockQ">Query rows per tile (Br), ≥ 1.</param>
    /// <param name="blockK">Key columns per tile (Bc), ≥ 1.</param>
    /// <returns>O [B, H, T, D] and the logsumexp L [B, H, T].</returns>
    public static FlashAttentionResult Forward(Tensor q, Tensor k, Tensor v, bool causal, long blockQ, long blockK)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], t = q.shape[2], d = q.shape[3];
        double scale = 1.0 / Math.Sqrt(d);
        var outputs = new List<Tensor>();
        var logSumExps = new List<Tensor>();
        for (long i0 = 0; i0 < t; i0 += blockQ)
        {
            long rows = Math.Min(blockQ, t - i0);
            using var block = torch.NewDisposeScope();
            var qi = q.narrow(2, i0, rows) * scale;                                       // [B,H,Br,D]
            var m = torch.full(new long[] { b, h, rows, 1 }, double.NegativeInfinity, dtype: q.dtype);   // running max
            var l = torch.zeros(b, h, rows, 1, dtype: q.dtype);                           // running Σ exp(s − m)
            var acc = torch.zeros(b, h, rows, d, dtype: q.dtype);                          // running Σ exp(s − m)·v
            long keyEnd = causal ? i0 + rows : t;                                          // causal: no tile right of the diagonal
            for (long j0 = 0; j0 < keyEnd; j0 += blockK)
            {
                long cols = Math.Min(blockK, keyEnd - j0);
                using var tile = torch.NewDisposeScope();
                var s = qi.matmul(k.narrow(2, j0, cols).transpose(-2, -1));               // [B,H,Br,Bc]
                if (causal && j0 + cols - 1 > i0)
                {
                    // Global positions: query i0 + r may see key j0 + c only if j0 + c ≤ i0 + r.
                    var future = (torch.arange(j0, j0 + cols).unsqueeze(0) - torch.arange(i0, i0 + rows).unsqueeze(1)).gt(0);
                    s = s.masked_fill(future, double.NegativeInfinity);
                }
                // The first tile holds key 0, which every query may see, so m is finite from then on; a row fully
                // masked in a later tile has tile max −inf and leaves m unchanged (its p is exp(−inf) = 0).
                var mNew = torch.maximum(m, s.amax(new long[] { -1 }, keepdim: true));
                var p = (s - mNew).exp_();
                var alpha = (m - mNew).exp_();                                             // rescales what was summed under the old max
                var lNew = l * alpha + p.sum(dim: -1, keepdim: true);
                var accNew = acc * alpha + p.matmul(v.narrow(2, j0, cols));
                m = mNew.MoveToOuterDisposeScope();
                l = lNew.MoveToOuterDisposeScope();
                acc = accNew.MoveToOuterDisposeScope();
            }
            outputs.Add((acc / l).MoveToOuterDisposeScope());
            logSumExps.Add((m + l.log()).squeeze(-1).MoveToOuterDisposeScope());
        }
        var output = outputs.Count == 1 ? outputs[0] : torch.cat(outputs, 2);
        var lse = logSumExps.Count == 1 ? logSumExps[0] : torch.cat(logSumExps, 2);
        return new FlashAttentionResult(output.MoveToOuterDisposeScope(), lse.MoveToOuterDisposeScope());
    }
}

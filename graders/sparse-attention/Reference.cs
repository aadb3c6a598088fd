namespace MlKatas.Katas;

/// <summary>Reference for the sparse-attention kata: causal sliding-window attention in blocks.</summary>
public static class SparseAttention
{
    /// <summary>
    /// Query t attends to keys s with t − window &lt; s ≤ t, scores q_t·k_s/√D, softmax over those keys only.
    /// </summary>
    /// <param name="q">Queries [B,H,T,D], float32 or float64.</param>
    /// <param name="k">Keys [B,H,T,D], same dtype.</param>
    /// <param name="v">Values [B,H,T,D], same dtype.</param>
    /// <param name="window">Number of keys each query sees (itself included), ≥ 1.</param>
    /// <returns>Attention output [B,H,T,D], dtype of <paramref name="q"/>.</returns>
    /// <remarks>
    /// Blocked computation: with block size w = min(window, T), T is padded up to nb·w and the queries of block i
    /// can only see keys in blocks i − 1 and i (t − s &lt; window and w ≤ window). So each query block does one
    /// [w,D]×[D,2w] product: O(B·H·T·w·D) time and O(B·H·T·w) memory for the scores, never T×T.
    /// </remarks>
    public static Tensor SlidingWindow(Tensor q, Tensor k, Tensor v, long window)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], t = q.shape[2], d = q.shape[3];
        long w = Math.Min(window, t);        // block size; window ≥ T is plain causal attention
        long blocks = (t + w - 1) / w;
        long tail = blocks * w - t;          // padding that makes T a multiple of w

        // Queries, scaled once, in blocks: [B,H,nb,w,D].
        var scaled = q * (1.0 / Math.Sqrt(d));
        var queries = (tail == 0 ? scaled : nn.functional.pad(scaled, new long[] { 0, 0, 0, tail }))
            .reshape(b, h, blocks, w, d);

        // Keys and values with one block of zeros in front, so query block i's keys are the padded rows
        // [i·w, i·w + 2w): overlapping windows of 2w rows with stride w, taken as views by unfold (the matmuls
        // copy them once: 2·T·D per head, still O(T·window)).
        var keys = nn.functional.pad(k, new long[] { 0, 0, w, tail }).unfold(2, 2 * w, w);    // [B,H,nb,D,2w]
        var values = nn.functional.pad(v, new long[] { 0, 0, w, tail }).unfold(2, 2 * w, w)
            .transpose(-1, -2);                                                                // [B,H,nb,2w,D]

        var scores = queries.matmul(keys);   // [B,H,nb,w,2w]

        // Query i of a block is at t = n·w + i, key j of its window at s = (n − 1)·w + j, so s − t = j − w − i.
        var offset = torch.arange(2 * w).unsqueeze(0) - torch.arange(w).unsqueeze(1) - w;   // [w,2w]
        var masked = offset.gt(0).logical_or_(offset.le(-window));                        // future or too far back
        scores.masked_fill_(masked, double.NegativeInfinity);
        // Block 0's previous block is the zero padding in front (s < 0). (Padding at the end is never seen by a
        // real query: those keys are in its future.)
        scores.select(2, 0).narrow(-1, 0, w).fill_(double.NegativeInfinity);

        // softmax subtracts the row max, so scores of magnitude 1e4 do not overflow. Every row keeps s = t.
        var weights = torch.softmax(scores, -1);
        var output = weights.matmul(values)                // [B,H,nb,w,D]
            .view(b, h, blocks * w, d)
            .narrow(2, 0, t)
            .contiguous();
        return output.MoveToOuterDisposeScope();
    }
}

namespace MlKatas.Katas;

/// <summary>Reference for the block-sparse-attention kata: the Sparse Transformer's causal "fixed" pattern.</summary>
public static class BlockSparseAttention
{
    /// <summary>
    /// Query i attends key j ≤ i iff ⌊j/block⌋ = ⌊i/block⌋ (same block) or j mod block ≥ block − summary (a summary
    /// position); scores q_i·k_j/√D, one softmax over all of those keys, output_i = Σ_j p_ij·v_j.
    /// </summary>
    /// <param name="q">Queries [B,H,T,D], float32 or float64.</param>
    /// <param name="k">Keys [B,H,T,D], same dtype.</param>
    /// <param name="v">Values [B,H,T,D], same dtype.</param>
    /// <param name="block">Block length l ≥ 1.</param>
    /// <param name="summary">Summary positions per block c, 1 ≤ c ≤ l.</param>
    /// <returns>Attention output [B,H,T,D], dtype of <paramref name="q"/>.</returns>
    /// <remarks>
    /// Two parts, one softmax. Local: T is padded up to nb·l and each query block attends its own block with a causal
    /// triangle ([l × l] scores per block). Summary: the last c keys of every complete earlier block, gathered once
    /// ((nb − 1)·c keys), scored against every query and masked to the blocks strictly before the query's block (a
    /// summary key of the query's own block is already in the local part and must not count twice; keys of earlier
    /// blocks are all in the past, so that mask is the causal one). The last block is never a summary source for
    /// anyone, so its padding is never seen. Time O(B·H·T·(l + c·T/l)·D), T^1.5 with l ∝ √T; never a T×T matrix.
    /// </remarks>
    public static Tensor Fixed(Tensor q, Tensor k, Tensor v, long block, long summary)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], t = q.shape[2], d = q.shape[3];
        long l = Math.Min(block, t);                          // a block longer than T is one block of T
        long c = Math.Min(summary, l);
        long nb = (t + l - 1) / l;
        long pad = nb * l - t;
        long earlier = nb - 1;                                // complete blocks that can serve summaries

        Tensor Blocks(Tensor x) => (pad == 0 ? x : nn.functional.pad(x, new long[] { 0, 0, 0, pad })).view(b, h, nb, l, d);
        var qb = Blocks(q * (1.0 / Math.Sqrt(d)));             // [B,H,nb,l,D]
        var kb = Blocks(k);
        var vb = Blocks(v);

        // Local part: within each block, key r' ≤ query r.
        var local = qb.matmul(kb.transpose(-1, -2));          // [B,H,nb,l,l]
        local.masked_fill_(torch.ones(l, l, dtype: ScalarType.Bool).triu(1), double.NegativeInfinity);
        if (earlier == 0)
        {
            var p = torch.softmax(local, -1);
            return p.matmul(vb).view(b, h, nb * l, d).narrow(2, 0, t).contiguous().MoveToOuterDisposeScope();
        }

        // Summary part: the last c keys of blocks 0 … nb − 2, seen by query blocks strictly after theirs.
        var ks = kb.narrow(2, 0, earlier).narrow(3, l - c, c).reshape(b, h, 1, earlier * c, d);
        var vs = vb.narrow(2, 0, earlier).narrow(3, l - c, c).reshape(b, h, 1, earlier * c, d);
        var sums = qb.matmul(ks.transpose(-1, -2));           // [B,H,nb,l,(nb−1)·c]
        var sourceBlock = torch.arange(earlier).repeat_interleave(c);                 // block of each summary key
        var notEarlier = sourceBlock.unsqueeze(0).ge(torch.arange(nb).unsqueeze(1));  // [nb,(nb−1)·c]
        sums.masked_fill_(notEarlier.unsqueeze(1), double.NegativeInfinity);

        // One softmax over both parts (it subtracts the row max; each row keeps its own key, so never all −∞).
        var weights = torch.softmax(torch.cat(new[] { local, sums }, -1), -1);
        var output = weights.narrow(-1, 0, l).matmul(vb)
            .add_(weights.narrow(-1, l, earlier * c).matmul(vs));                   // [B,H,nb,l,D]
        return output.view(b, h, nb * l, d).narrow(2, 0, t).contiguous().MoveToOuterDisposeScope();
    }
}

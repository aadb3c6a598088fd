namespace MlKatas.Katas;

/// <summary>
/// Block-sparse causal attention with the Sparse Transformer's "fixed" pattern (Child et al., 2019), computed without
/// ever materialising a T×T score matrix.
/// </summary>
public static class BlockSparseAttention
{
    /// <summary>
    /// Query i attends to the keys j ≤ i that are in its own block (⌊j/block⌋ = ⌊i/block⌋) or are summary positions
    /// (j mod block ≥ block − summary): scores q_i·k_j / √D, one softmax over all of those keys, output_i = Σ_j p_ij·v_j.
    /// Must run in O(B·H·T·(block + summary·T/block)·D) time — O(T^1.5) when block ≈ √T — and must not overflow for
    /// scores of magnitude 1e4. <c>scaled_dot_product_attention</c> and attention modules are forbidden.
    /// </summary>
    /// <param name="q">Queries, shape [B, H, T, D], float32 or float64.</param>
    /// <param name="k">Keys, shape [B, H, T, D], same dtype as <paramref name="q"/>.</param>
    /// <param name="v">Values, shape [B, H, T, D], same dtype as <paramref name="q"/>.</param>
    /// <param name="block">Block length l ≥ 1; the last block is shorter when T is not a multiple of l; l ≥ T is one block (plain causal attention).</param>
    /// <param name="summary">Number c of summary positions at the end of each block, 1 ≤ c ≤ <paramref name="block"/>.</param>
    /// <returns>Attention output, shape [B, H, T, D], same dtype as <paramref name="q"/>.</returns>
    public static Tensor Fixed(Tensor q, Tensor k, Tensor v, long block, long summary)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

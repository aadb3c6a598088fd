namespace MlKatas.Katas;

/// <summary>
/// Longformer-style attention (Beltagy et al., 2020): a two-sided sliding window plus global tokens that attend to
/// every position and are attended by every position, computed without ever materialising a T×T score matrix.
/// </summary>
public static class GlobalLocalAttention
{
    /// <summary>
    /// Query i attends key j iff |i − j| ≤ <paramref name="window"/>, or i is global, or j is global (not causal):
    /// scores q_i·k_j / √D, one softmax over all of those keys — each key once, even a global key inside i's window —
    /// and output_i = Σ_j p_ij·v_j. Must run in O(B·H·T·(2w + 1 + G)·D) time (linear in T at a fixed window and G) and
    /// must not overflow for scores of magnitude 1e4. <c>scaled_dot_product_attention</c> and attention modules are
    /// forbidden.
    /// </summary>
    /// <param name="q">Queries, shape [B, H, T, D], float32 or float64.</param>
    /// <param name="k">Keys, shape [B, H, T, D], same dtype as <paramref name="q"/>.</param>
    /// <param name="v">Values, shape [B, H, T, D], same dtype as <paramref name="q"/>.</param>
    /// <param name="window">One-sided window w ≥ 0: query i sees the keys i − w … i + w that exist (up to 2w + 1); w ≥ T − 1 is full attention.</param>
    /// <param name="globals">Global positions, int64, shape [G]: distinct indices in [0, T), in any order; G may be 0 (pure band attention).</param>
    /// <returns>Attention output, shape [B, H, T, D], same dtype as <paramref name="q"/>.</returns>
    public static Tensor Attend(Tensor q, Tensor k, Tensor v, long window, Tensor globals)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

namespace MlKatas.Katas;

/// <summary>
/// Causal sliding-window (local) attention, computed without ever materialising a T×T score matrix.
/// </summary>
public static class SparseAttention
{
    /// <summary>
    /// For each query position t, attends to the key positions s with t − window &lt; s ≤ t (at most
    /// <paramref name="window"/> keys, t itself included): scores q_t·k_s / √D, softmax over the allowed s only,
    /// output_t = Σ_s p_ts·v_s. Must run in O(B·H·T·window·D) time and O(B·H·T·window) extra memory, and must not
    /// overflow for scores of magnitude 1e4. <c>scaled_dot_product_attention</c> and attention modules are forbidden.
    /// </summary>
    /// <param name="q">Queries, shape [B, H, T, D], float32 or float64.</param>
    /// <param name="k">Keys, shape [B, H, T, D], same dtype as <paramref name="q"/>.</param>
    /// <param name="v">Values, shape [B, H, T, D], same dtype as <paramref name="q"/>.</param>
    /// <param name="window">Number of most recent positions (including t) each query sees, ≥ 1; window ≥ T is plain causal attention.</param>
    /// <returns>Attention output, shape [B, H, T, D], same dtype as <paramref name="q"/>.</returns>
    public static Tensor SlidingWindow(Tensor q, Tensor k, Tensor v, long window)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

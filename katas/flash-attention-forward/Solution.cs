namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="FlashAttention.Forward"/>.</summary>
/// <param name="Output">Attention output O, shape [B, H, T, D], dtype of q.</param>
/// <param name="LogSumExp">L_t = log Σ_s exp(q_t·k_s/√D) over the keys s query t may see (natural log), shape [B, H, T], dtype of q.</param>
public sealed record FlashAttentionResult(Tensor Output, Tensor LogSumExp);

/// <summary>
/// The forward pass of FlashAttention: exact attention computed tile by tile with the online-softmax recurrence, in
/// O(T·(blockQ + blockK)) working memory per (batch, head) instead of a T×T score matrix.
/// </summary>
public static class FlashAttention
{
    /// <summary>
    /// Computes O = softmax(q·kᵀ/√D (+ causal mask))·v and the row logsumexp L, visiting the scores one
    /// [blockQ × blockK] tile at a time: for each tile keep a running max m, a running sum ℓ of exp(s − m) and an
    /// accumulator of exp(s − m)·v, rescaling ℓ and the accumulator by exp(m_old − m_new) whenever the max grows.
    /// Never materialise a T×T matrix. <c>scaled_dot_product_attention</c> and attention modules are forbidden.
    /// </summary>
    /// <param name="q">Queries, shape [B, H, T, D], float32 or float64.</param>
    /// <param name="k">Keys, shape [B, H, T, D], same dtype as <paramref name="q"/>.</param>
    /// <param name="v">Values, shape [B, H, T, D], same dtype as <paramref name="q"/>.</param>
    /// <param name="causal">When true, query t sees only keys s ≤ t.</param>
    /// <param name="blockQ">Query rows per tile (Br in the paper), ≥ 1; need not divide T and may exceed it.</param>
    /// <param name="blockK">Key columns per tile (Bc in the paper), ≥ 1; need not divide T and may exceed it.</param>
    /// <returns>O [B, H, T, D] and L [B, H, T], both in the dtype of <paramref name="q"/>.</returns>
    public static FlashAttentionResult Forward(Tensor q, Tensor k, Tensor v, bool causal, long blockQ, long blockK)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

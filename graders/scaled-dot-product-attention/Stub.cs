namespace MlKatas.Katas;

/// <summary>
/// Scaled dot-product attention with a causal mask and a key-padding mask, as in every transformer layer.
/// </summary>
public static class ScaledDotProductAttention
{
    /// <summary>
    /// For each batch b, head h and query i: scores q_i·k_j / √D over the keys j that query i may attend to (not
    /// padding, and j ≤ i when <paramref name="causal"/>), softmax over those keys only, output_i = Σ_j p_ij·v_j.
    /// A query with no key it may attend to outputs exactly 0. Scores can reach magnitude 1e4.
    /// <c>scaled_dot_product_attention</c> and attention modules are forbidden.
    /// </summary>
    /// <param name="q">Queries, shape [B, H, Tq, D], float32 or float64.</param>
    /// <param name="k">Keys, shape [B, H, Tk, D], same dtype as <paramref name="q"/>.</param>
    /// <param name="v">Values, shape [B, H, Tk, Dv], same dtype as <paramref name="q"/>.</param>
    /// <param name="keyPaddingMask">Shape [B, Tk], bool: true marks a padding key that no query may attend to.</param>
    /// <param name="causal">When true, query i may only attend to keys j ≤ i (top-left aligned, as torch's is_causal).</param>
    /// <returns>Attention output, shape [B, H, Tq, Dv], same dtype as <paramref name="q"/>.</returns>
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, Tensor keyPaddingMask, bool causal)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

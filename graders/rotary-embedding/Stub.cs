namespace MlKatas.Katas;

/// <summary>
/// Rotary position embedding (RoPE), rotate-half convention (GPT-NeoX, Hugging Face Llama), applied to queries and keys.
/// </summary>
public static class RotaryEmbedding
{
    /// <summary>
    /// For every time step t and every i in [0, D/2): rotates the pair (x_i, x_{i+D/2}) of q and of k by the angle
    /// a = positions[t]·theta^(−2i/D), computed in float64:
    /// out_i = x_i·cos a − x_{i+D/2}·sin a, out_{i+D/2} = x_{i+D/2}·cos a + x_i·sin a.
    /// </summary>
    /// <param name="q">Queries, shape [B, H, T, D], float32 or float64, D even.</param>
    /// <param name="k">Keys, shape [B, Hk, T, D], same dtype as <paramref name="q"/> (Hk may differ from H).</param>
    /// <param name="positions">Shape [T], int64 ≥ 0: the position of each time step (not necessarily 0..T−1).</param>
    /// <param name="theta">The frequency base, &gt; 0 (10000 in the RoFormer paper, 500000 in Llama 3).</param>
    /// <returns>The rotated queries and keys, with the shapes and dtype of <paramref name="q"/> and <paramref name="k"/>.</returns>
    public static (Tensor Q, Tensor K) Apply(Tensor q, Tensor k, Tensor positions, double theta)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

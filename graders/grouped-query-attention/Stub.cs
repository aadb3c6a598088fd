namespace MlKatas.Katas;

/// <summary>
/// Grouped-query attention (GQA; multi-query attention when there is one key/value head): H query heads share G
/// key/value heads, query head h reading key/value head h / (H / G).
/// </summary>
public static class GroupedQueryAttention
{
    /// <summary>
    /// softmax(q_h·k_gᵀ / √D)·v_g for every query head h, with g = h / (H / G) (integer division); when
    /// <paramref name="causal"/>, query t sees key s only if s ≤ t + (S − T) (the queries are the last T of S positions).
    /// </summary>
    /// <param name="q">Queries, shape [B, H, T, D], float32 or float64.</param>
    /// <param name="k">Keys, shape [B, G, S, D], dtype of <paramref name="q"/>; H is a multiple of G.</param>
    /// <param name="v">Values, shape [B, G, S, D], dtype of <paramref name="q"/>.</param>
    /// <param name="causal">Apply the causal mask (then S ≥ T).</param>
    /// <returns>Shape [B, H, T, D], the dtype of <paramref name="q"/>.</returns>
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, bool causal)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

namespace MlKatas.Katas;

/// <summary>
/// Multi-head attention with input and output projections: the forward pass of torch.nn.MultiheadAttention
/// (batch_first = true, no masks, no dropout), given its weights.
/// </summary>
public static class MultiHeadAttention
{
    /// <summary>
    /// Q = query·W_qᵀ + b_q, K = key·W_kᵀ + b_k, V = value·W_vᵀ + b_v, where W_q, W_k, W_v are the three row blocks of
    /// <paramref name="inProjWeight"/>. Head h uses features [h·Dh, (h+1)·Dh) of Q, K and V (Dh = E / numHeads) and
    /// computes softmax(Q_h·K_hᵀ / √Dh)·V_h; the heads are concatenated in feature order and projected:
    /// output = concat·W_oᵀ + b_o. <c>scaled_dot_product_attention</c> and <c>nn.MultiheadAttention</c> are forbidden.
    /// </summary>
    /// <param name="query">Queries, shape [B, Tq, E], float32 or float64.</param>
    /// <param name="key">Keys, shape [B, Tk, E], same dtype as <paramref name="query"/>.</param>
    /// <param name="value">Values, shape [B, Tk, E], same dtype as <paramref name="query"/>.</param>
    /// <param name="inProjWeight">Packed input projection, shape [3E, E]: rows [0, E) are W_q, [E, 2E) W_k, [2E, 3E) W_v.</param>
    /// <param name="inProjBias">Packed input bias, shape [3E]: b_q, b_k, b_v.</param>
    /// <param name="outProjWeight">Output projection W_o, shape [E, E].</param>
    /// <param name="outProjBias">Output bias b_o, shape [E].</param>
    /// <param name="numHeads">Number of heads H ≥ 1; E is a multiple of H.</param>
    /// <returns>Attention output, shape [B, Tq, E], same dtype as <paramref name="query"/>.</returns>
    public static Tensor Forward(Tensor query, Tensor key, Tensor value, Tensor inProjWeight, Tensor inProjBias,
        Tensor outProjWeight, Tensor outProjBias, long numHeads)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

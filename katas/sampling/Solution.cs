namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Sampling.Sample"/>.</summary>
/// <param name="Probs">The filtered, renormalised next-token distribution, [B, V] float64 (0 for filtered tokens).</param>
/// <param name="Ids">The sampled token ids, [B] int64.</param>
public sealed record SamplingResult(Tensor Probs, Tensor Ids);

/// <summary>
/// Next-token sampling as Hugging Face's generate() does it: temperature, then top-k, then top-p (nucleus) filtering
/// of the logits, renormalisation, and an inverse-CDF draw from given uniforms.
/// </summary>
public static class Sampling
{
    /// <summary>
    /// Filters each row of <paramref name="logits"/> and draws one token per row.
    /// </summary>
    /// <param name="logits">Next-token logits, [B, V] float64; may contain −∞ (banned tokens), at least one finite per row.</param>
    /// <param name="temperature">T ≥ 0. T = 0 is greedy decoding (argmax, ties to the lowest id; topK, topP and uniforms are ignored).</param>
    /// <param name="topK">Keep the tokens whose scaled logit is ≥ the k-th largest (all ties kept); 0, or k ≥ V, switches it off.</param>
    /// <param name="topP">0 &lt; p ≤ 1: keep the smallest highest-probability set whose probability reaches p, the crossing token included; 1 switches it off.</param>
    /// <param name="uniforms">One uniform draw u in [0, 1) per row, [B] float64.</param>
    /// <returns>The renormalised distribution [B, V] float64 and the sampled ids [B] int64 (first id in id order whose cdf &gt; u).</returns>
    public static SamplingResult Sample(Tensor logits, double temperature, long topK, double topP, Tensor uniforms)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

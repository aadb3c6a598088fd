namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="LogProbs.Compute"/>.</summary>
/// <param name="TokenLogps">Shape [B, T−1], float64: entry [b, t] is log p(inputIds[b, t+1] | inputIds[b, ≤ t]) when position t+1 is a response token, else exactly 0.</param>
/// <param name="SequenceLogps">Shape [B], float64: the sum of each row's TokenLogps, log π(response | prompt).</param>
/// <param name="MeanLogps">Shape [B], float64: SequenceLogps divided by the number of response tokens scored in the row (0 for a row with none).</param>
public sealed record SequenceLogProbs(Tensor TokenLogps, Tensor SequenceLogps, Tensor MeanLogps);

/// <summary>
/// Log-probabilities of the response tokens of a batch of prompt + response sequences under a causal language
/// model's logits: the quantity every RLHF loss (DPO, PPO, GRPO) is built from.
/// </summary>
public static class LogProbs
{
    /// <summary>
    /// Scores each response token with the logits of the position before it, masking prompt and padding positions.
    /// </summary>
    /// <param name="logits">The model's output, shape [B, T, V], float64: logits[b, t] is the distribution over the token at t+1. The grader differentiates your outputs with respect to it.</param>
    /// <param name="inputIds">Token ids, shape [B, T], int64, values in [0, V).</param>
    /// <param name="attentionMask">Shape [B, T], int64: 1 for a real token, 0 for padding.</param>
    /// <param name="promptLengths">Shape [B], int64, 1 ≤ promptLengths[b] ≤ T: positions t &lt; promptLengths[b] of row b are the prompt.</param>
    /// <returns>Per-token log-probs [B, T−1] and per-sequence sums and means [B].</returns>
    public static SequenceLogProbs Compute(Tensor logits, Tensor inputIds, Tensor attentionMask, Tensor promptLengths)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

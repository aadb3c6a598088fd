namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="LogProbs.Compute"/>.</summary>
/// <param name="TokenLogps">[B, T−1]: log p(inputIds[b, t+1] | tokens ≤ t) where position t+1 is a response token, else 0.</param>
/// <param name="SequenceLogps">[B]: the sum of each row's TokenLogps.</param>
/// <param name="MeanLogps">[B]: SequenceLogps divided by the number of response tokens scored (0 for a row with none).</param>
public sealed record SequenceLogProbs(Tensor TokenLogps, Tensor SequenceLogps, Tensor MeanLogps);

/// <summary>Log-probabilities of responses under a causal LM's logits (hidden reference).</summary>
public static class LogProbs
{
    /// <summary>Per-token and per-sequence log-probabilities of the response tokens.</summary>
    public static SequenceLogProbs Compute(Tensor logits, Tensor inputIds, Tensor attentionMask, Tensor promptLengths)
    {
        long t = inputIds.shape[1];
        // logits at position t predict the token at t+1: drop the last position's logits and the first token.
        var logp = torch.nn.functional.log_softmax(logits[.., ..^1], dim: -1);               // [B, T-1, V]
        var labels = inputIds[.., 1..];                                                       // [B, T-1]
        var tokenLogps = logp.gather(-1, labels.unsqueeze(-1)).squeeze(-1);                  // [B, T-1]
        var positions = torch.arange(1, t, dtype: ScalarType.Int64).unsqueeze(0);           // [1, T-1]
        var scored = positions.ge(promptLengths.unsqueeze(1)).logical_and(attentionMask[.., 1..].ne(0));
        tokenLogps = tokenLogps.where(scored, torch.zeros_like(tokenLogps));
        var sequence = tokenLogps.sum(dim: 1);
        var count = scored.sum(dim: 1).to_type(logits.dtype);
        var mean = sequence / count.clamp_min(1);
        return new SequenceLogProbs(tokenLogps, sequence, mean);
    }
}

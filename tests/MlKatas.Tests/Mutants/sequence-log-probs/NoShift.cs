// Expect: WrongAnswer
// Mistake: Off by one between logits and labels: scores the token at t+1 with the logits AT t+1 (which predict t+2) instead of the logits at t.
namespace MlKatas.Katas;

public sealed record SequenceLogProbs(Tensor TokenLogps, Tensor SequenceLogps, Tensor MeanLogps);

public static class LogProbs
{
    public static SequenceLogProbs Compute(Tensor logits, Tensor inputIds, Tensor attentionMask, Tensor promptLengths)
    {
        long t = inputIds.shape[1];
        var positions = torch.arange(1, t, dtype: ScalarType.Int64).unsqueeze(0);
        var scored = positions.ge(promptLengths.unsqueeze(1)).logical_and(attentionMask[.., 1..].ne(0));
        var logp = torch.nn.functional.log_softmax(logits[.., 1..], dim: -1);
        var tokenLogps = logp.gather(-1, inputIds[.., 1..].unsqueeze(-1)).squeeze(-1);
        tokenLogps = tokenLogps.where(scored, torch.zeros_like(tokenLogps));
        var sequence = tokenLogps.sum(dim: 1);
        var mean = sequence / scored.sum(dim: 1).to_type(ScalarType.Float64).clamp_min(1);
        return new SequenceLogProbs(tokenLogps, sequence, mean);
    }
}

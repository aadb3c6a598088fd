// Expect: NonFinite
// Mistake: Takes log(softmax(x)) instead of log_softmax(x): softmax underflows to 0 for a token ~1000 nats below the best one, and log(0) = −∞.
namespace MlKatas.Katas;

public sealed record SequenceLogProbs(Tensor TokenLogps, Tensor SequenceLogps, Tensor MeanLogps);

public static class LogProbs
{
    public static SequenceLogProbs Compute(Tensor logits, Tensor inputIds, Tensor attentionMask, Tensor promptLengths)
    {
        long t = inputIds.shape[1];
        var positions = torch.arange(1, t, dtype: ScalarType.Int64).unsqueeze(0);
        var scored = positions.ge(promptLengths.unsqueeze(1)).logical_and(attentionMask[.., 1..].ne(0));
        var logp = torch.log(torch.nn.functional.softmax(logits[.., ..^1], dim: -1));
        var tokenLogps = logp.gather(-1, inputIds[.., 1..].unsqueeze(-1)).squeeze(-1);
        tokenLogps = tokenLogps.where(scored, torch.zeros_like(tokenLogps));
        var sequence = tokenLogps.sum(dim: 1);
        var mean = sequence / scored.sum(dim: 1).to_type(ScalarType.Float64).clamp_min(1);
        return new SequenceLogProbs(tokenLogps, sequence, mean);
    }
}

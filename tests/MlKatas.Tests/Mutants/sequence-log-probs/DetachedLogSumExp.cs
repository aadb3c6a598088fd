// Expect: WrongGradient
// Mistake: Writes log-softmax as x − logsumexp(x) and detaches the logsumexp "for stability" (as one may detach the max): the values are right, the gradient misses the −softmax term.
namespace MlKatas.Katas;

public sealed record SequenceLogProbs(Tensor TokenLogps, Tensor SequenceLogps, Tensor MeanLogps);

public static class LogProbs
{
    public static SequenceLogProbs Compute(Tensor logits, Tensor inputIds, Tensor attentionMask, Tensor promptLengths)
    {
        long t = inputIds.shape[1];
        var positions = torch.arange(1, t, dtype: ScalarType.Int64).unsqueeze(0);
        var scored = positions.ge(promptLengths.unsqueeze(1)).logical_and(attentionMask[.., 1..].ne(0));
        var x = logits[.., ..^1];
        var logp = x - x.logsumexp(-1, keepdim: true).detach();
        var tokenLogps = logp.gather(-1, inputIds[.., 1..].unsqueeze(-1)).squeeze(-1);
        tokenLogps = tokenLogps.where(scored, torch.zeros_like(tokenLogps));
        var sequence = tokenLogps.sum(dim: 1);
        var mean = sequence / scored.sum(dim: 1).to_type(ScalarType.Float64).clamp_min(1);
        return new SequenceLogProbs(tokenLogps, sequence, mean);
    }
}

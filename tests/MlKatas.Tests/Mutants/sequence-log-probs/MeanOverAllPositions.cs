// Expect: WrongAnswer
// Mistake: Averages over all T − 1 positions, padding and prompt included, instead of over the response tokens scored.
namespace MlKatas.Katas;

public sealed record SequenceLogProbs(Tensor TokenLogps, Tensor SequenceLogps, Tensor MeanLogps);

public static class LogProbs
{
    public static SequenceLogProbs Compute(Tensor logits, Tensor inputIds, Tensor attentionMask, Tensor promptLengths)
    {
        long t = inputIds.shape[1];
        var positions = torch.arange(1, t, dtype: ScalarType.Int64).unsqueeze(0);
        var scored = positions.ge(promptLengths.unsqueeze(1)).logical_and(attentionMask[.., 1..].ne(0));
        var logp = torch.nn.functional.log_softmax(logits[.., ..^1], dim: -1);
        var tokenLogps = logp.gather(-1, inputIds[.., 1..].unsqueeze(-1)).squeeze(-1);
        tokenLogps = tokenLogps.where(scored, torch.zeros_like(tokenLogps));
        var sequence = tokenLogps.sum(dim: 1);
        var mean = tokenLogps.mean(dimensions: new long[] { 1 });
        return new SequenceLogProbs(tokenLogps, sequence, mean);
    }
}

// Expect: WrongShape
// Mistake: Echoes its inputs back: the logits as the token log-probs, the prompt lengths as the sums.
namespace MlKatas.Katas;

public sealed record SequenceLogProbs(Tensor TokenLogps, Tensor SequenceLogps, Tensor MeanLogps);

public static class LogProbs
{
    public static SequenceLogProbs Compute(Tensor logits, Tensor inputIds, Tensor attentionMask, Tensor promptLengths)
    {
        return new SequenceLogProbs(logits, promptLengths, promptLengths);
    }
}

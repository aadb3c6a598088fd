// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record SequenceLogProbs(Tensor TokenLogps, Tensor SequenceLogps, Tensor MeanLogps);

public static class LogProbs
{
    public static SequenceLogProbs Compute(Tensor logits, Tensor inputIds, Tensor attentionMask, Tensor promptLengths)
    {
        long b = inputIds.shape[0], t = inputIds.shape[1];
        return new SequenceLogProbs(torch.randn(b, t - 1, dtype: float64), torch.randn(b, dtype: float64), torch.randn(b, dtype: float64));
    }
}

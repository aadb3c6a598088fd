// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes.
namespace MlKatas.Katas;

public sealed record KlPenaltyOutput(Tensor Kl, Tensor Rewards, Tensor MeanKl);

public static class KlPenalty
{
    public static KlPenaltyOutput Compute(Tensor logProbs, Tensor refLogProbs, Tensor mask, Tensor scores, string estimator, double beta)
    {
        return new KlPenaltyOutput(torch.zeros_like(logProbs), torch.zeros_like(logProbs), torch.zeros(1, ScalarType.Float64).squeeze());
    }
}

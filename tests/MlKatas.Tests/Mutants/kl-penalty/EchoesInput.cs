// Expect: WrongAnswer
// Mistake: Echoes its inputs back: the log-probs as the KL, the reference log-probs as the rewards, the first score as the mean.
namespace MlKatas.Katas;

public sealed record KlPenaltyOutput(Tensor Kl, Tensor Rewards, Tensor MeanKl);

public static class KlPenalty
{
    public static KlPenaltyOutput Compute(Tensor logProbs, Tensor refLogProbs, Tensor mask, Tensor scores, string estimator, double beta)
    {
        return new KlPenaltyOutput(logProbs, refLogProbs, scores[0]);
    }
}

// Expect: WrongAnswer
// Mistake: Averages the KL over all B·T positions (kl.mean()): the zeros of prompt and padding tokens dilute the mean.
namespace MlKatas.Katas;

public sealed record KlPenaltyOutput(Tensor Kl, Tensor Rewards, Tensor MeanKl);

public static class KlPenalty
{
    public static KlPenaltyOutput Compute(Tensor logProbs, Tensor refLogProbs, Tensor mask, Tensor scores, string estimator, double beta)
    {
        var logRatio = refLogProbs - logProbs;
        var perToken = estimator switch
        {
            "k1" => logRatio.neg(),
            "k2" => 0.5 * logRatio.square(),
            "k3" => logRatio.expm1() - logRatio,
            _ => throw new ArgumentException(estimator),
        };
        var kl = torch.where(mask, perToken, torch.zeros_like(perToken));
        long steps = mask.shape[1];
        var positions = torch.arange(steps, dtype: ScalarType.Int64).expand(mask.shape);
        var last = torch.where(mask, positions, torch.full_like(positions, -1)).amax([1], keepdim: true);
        var rewards = (-beta * kl).scatter_add(1, last, scores.unsqueeze(1));
        var meanKl = kl.mean();
        return new KlPenaltyOutput(kl, rewards, meanKl);
    }
}

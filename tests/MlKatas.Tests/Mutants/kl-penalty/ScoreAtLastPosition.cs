// Expect: WrongAnswer
// Mistake: Adds each sequence's score at position T − 1 instead of at its last valid token: right padding gets the reward and the response's last token never sees it.
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
        var rewards = -beta * kl;
        rewards[.., -1] += scores;
        var meanKl = kl.sum() / mask.sum();
        return new KlPenaltyOutput(kl, rewards, meanKl);
    }
}

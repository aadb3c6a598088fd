// Expect: NonFinite
// Mistake: Forms the ratio of probabilities r = exp(ref) / exp(logp) instead of exp(ref − logp): for unlikely tokens (log-probs below −745) both exps underflow to 0 and r = 0/0 = NaN.
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
            "k3" => refLogProbs.exp() / logProbs.exp() - 1 - logRatio,
            _ => throw new ArgumentException(estimator),
        };
        var kl = torch.where(mask, perToken, torch.zeros_like(perToken));
        long steps = mask.shape[1];
        var positions = torch.arange(steps, dtype: ScalarType.Int64).expand(mask.shape);
        var last = torch.where(mask, positions, torch.full_like(positions, -1)).amax([1], keepdim: true);
        var rewards = (-beta * kl).scatter_add(1, last, scores.unsqueeze(1));
        var meanKl = kl.sum() / mask.sum();
        return new KlPenaltyOutput(kl, rewards, meanKl);
    }
}

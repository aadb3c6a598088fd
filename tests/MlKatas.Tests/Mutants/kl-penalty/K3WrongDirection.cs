// Expect: WrongAnswer
// Mistake: k3 with log r of the wrong direction: log r = logp − ref (the ratio π_θ/π_ref), so k3 = (π_θ/π_ref − 1) − log(π_θ/π_ref) — the k3 form for samples drawn from π_ref; under the policy's samples its mean is not KL(π_θ ‖ π_ref), and it explodes where π_θ ≫ π_ref.
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
            "k3" => (-logRatio).expm1() + logRatio, // (π_θ/π_ref − 1) − log(π_θ/π_ref)
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

// Expect: WrongAnswer
// Mistake: Finds the last valid token as 'valid and the next one is not' (mask[t] && !mask[t+1]): right for one contiguous response, but a mask with gaps (masked tool outputs) gets the score once per span.
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
        var next = torch.cat([mask[.., 1..], torch.zeros(mask.shape[0], 1, dtype: ScalarType.Bool)], dim: 1);
        var ends = mask.logical_and(next.logical_not()).to_type(ScalarType.Float64);
        var rewards = -beta * kl + ends * scores.unsqueeze(1);
        var meanKl = kl.sum() / mask.sum();
        return new KlPenaltyOutput(kl, rewards, meanKl);
    }
}

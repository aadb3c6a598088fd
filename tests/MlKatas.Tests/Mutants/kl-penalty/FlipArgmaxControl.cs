// Expect: Passed
// Mistake: None: a control. The last valid index from argmax over the flipped mask, the score placed with one_hot, the KL masked with masked_fill and the mean over masked_select — a different but correct solution a strong candidate writes.
namespace MlKatas.Katas;

public sealed record KlPenaltyOutput(Tensor Kl, Tensor Rewards, Tensor MeanKl);

public static class KlPenalty
{
    public static KlPenaltyOutput Compute(Tensor logProbs, Tensor refLogProbs, Tensor mask, Tensor scores, string estimator, double beta)
    {
        using var scope = torch.NewDisposeScope();
        var logR = refLogProbs - logProbs;
        Tensor perToken;
        if (estimator == "k1")
        {
            perToken = logProbs - refLogProbs;
        }
        else if (estimator == "k2")
        {
            perToken = logR * logR / 2;
        }
        else
        {
            perToken = logR.exp() - 1 - logR;
        }
        var kl = perToken.masked_fill(mask.logical_not(), 0.0);
        long steps = mask.shape[1];
        var last = (steps - 1) - mask.flip(1).to_type(ScalarType.Int64).argmax(1);
        var atLast = torch.nn.functional.one_hot(last, steps).to_type(ScalarType.Float64);
        var rewards = atLast * scores.unsqueeze(1) - beta * kl;
        var meanKl = kl.masked_select(mask).mean();
        return new KlPenaltyOutput(kl.MoveToOuterDisposeScope(), rewards.MoveToOuterDisposeScope(), meanKl.MoveToOuterDisposeScope());
    }
}

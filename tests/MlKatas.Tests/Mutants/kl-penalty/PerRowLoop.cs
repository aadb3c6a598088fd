// Expect: TooSlow
// Mistake: Loops over the B rows in C#: per row, the last valid index found with item() and the score added with an indexed write — per-row tensor calls where one batched op does it.
namespace MlKatas.Katas;

public sealed record KlPenaltyOutput(Tensor Kl, Tensor Rewards, Tensor MeanKl);

public static class KlPenalty
{
    public static KlPenaltyOutput Compute(Tensor logProbs, Tensor refLogProbs, Tensor mask, Tensor scores, string estimator, double beta)
    {
        long batch = logProbs.shape[0];
        var kl = torch.zeros_like(logProbs);
        var rewards = torch.zeros_like(logProbs);
        double klSum = 0;
        long count = 0;
        for (long b = 0; b < batch; b++)
        {
            using var scope = torch.NewDisposeScope();
            var logR = refLogProbs[b] - logProbs[b];
            var perToken = estimator switch
            {
                "k1" => logR.neg(),
                "k2" => 0.5 * logR.square(),
                _ => logR.expm1() - logR,
            };
            var rowKl = torch.where(mask[b], perToken, torch.zeros_like(perToken));
            kl[b] = rowKl;
            rewards[b] = -beta * rowKl;
            long last = mask[b].nonzero().max().item<long>();
            rewards[b, last] += scores[b];
            klSum += rowKl.sum().item<double>();
            count += mask[b].sum().item<long>();
        }
        return new KlPenaltyOutput(kl, rewards, torch.tensor(klSum / count, ScalarType.Float64));
    }
}

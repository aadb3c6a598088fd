// Expect: Passed
// Mistake: None: a control. The state as tensors updated with index_put, an incremental mean, ties found with nonzero() on the scores within 1e-9 of the best, the reward read with item() each step — a different but correct solution a strong candidate writes.
namespace MlKatas.Katas;

public sealed record UcbOutput(Tensor Arms, Tensor Counts, Tensor Values, Tensor Regret);

public static class Ucb
{
    public static UcbOutput Run(Tensor rewards, double c)
    {
        using var scope = torch.NewDisposeScope();
        long steps = rewards.shape[0], k = rewards.shape[1];
        var counts = torch.zeros(k, dtype: ScalarType.Int64);
        var values = torch.zeros(k, dtype: ScalarType.Float64);
        var chosen = new List<long>();
        for (long t = 1; t <= steps; t++)
        {
            using var step = torch.NewDisposeScope();
            long arm;
            if (t <= k)
            {
                arm = t - 1;
            }
            else
            {
                var n = counts.to_type(ScalarType.Float64);
                var ucb = values + c * torch.sqrt(torch.log(torch.tensor((double)(t - 1))) / n);
                var best = ucb.max();
                arm = torch.nonzero(ucb >= best - 1e-9)[0, 0].item<long>();
            }
            chosen.Add(arm);
            double reward = rewards[t - 1, arm].item<double>();
            long count = counts[arm].item<long>() + 1;
            counts[arm] = torch.tensor(count);
            double old = values[arm].item<double>();
            values[arm] = torch.tensor(old + (reward - old) / count);
        }
        var arms = torch.tensor(chosen.ToArray());
        var mu = rewards.mean([0]);
        var regret = torch.cumsum(mu.max() - mu[arms], 0);
        return new UcbOutput(arms.MoveToOuterDisposeScope(), counts.MoveToOuterDisposeScope(), values.MoveToOuterDisposeScope(), regret.MoveToOuterDisposeScope());
    }
}

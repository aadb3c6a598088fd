// Expect: TooSlow
// Mistake: Scores the arms one by one in a C# loop over tensor items — counts[a].item() and sums[a].item() per arm per step — where one vectorised [K] expression per step does it.
namespace MlKatas.Katas;

public sealed record UcbOutput(Tensor Arms, Tensor Counts, Tensor Values, Tensor Regret);

public static class Ucb
{
    public static UcbOutput Run(Tensor rewards, double c)
    {
        long steps = rewards.shape[0], k = rewards.shape[1];
        var counts = torch.zeros(k, dtype: ScalarType.Float64);
        var sums = torch.zeros(k, dtype: ScalarType.Float64);
        var arms = new long[steps];
        for (long t = 1; t <= steps; t++)
        {
            using var scope = torch.NewDisposeScope();
            long arm = t - 1;
            if (t > k)
            {
                double best = double.NegativeInfinity;
                for (long a = 0; a < k; a++)
                {
                    double n = counts[a].item<double>();
                    double score = sums[a].item<double>() / n + c * Math.Sqrt(Math.Log(t - 1) / n);
                    if (score > best + 1e-9)
                    {
                        best = score;
                        arm = a;
                    }
                }
            }
            arms[t - 1] = arm;
            counts[arm] += 1.0;
            sums[arm] += rewards[t - 1, arm];
        }
        var means = rewards.mean([0]);
        var regret = (means.max() - means).index_select(0, torch.tensor(arms)).cumsum(0);
        return new UcbOutput(torch.tensor(arms), counts.to_type(ScalarType.Int64), sums / counts.clamp_min(1.0), regret);
    }
}

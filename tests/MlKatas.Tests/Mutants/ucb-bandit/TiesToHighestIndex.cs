// Expect: WrongAnswer
// Mistake: Breaks ties to the highest arm index (the last maximum, as a `>=` scan keeps it) instead of the lowest.
namespace MlKatas.Katas;

public sealed record UcbOutput(Tensor Arms, Tensor Counts, Tensor Values, Tensor Regret);

public static class Ucb
{
    public static UcbOutput Run(Tensor rewards, double c)
    {
        long steps = rewards.shape[0], k = rewards.shape[1];
        double[] r = rewards.contiguous().data<double>().ToArray();
        var counts = new long[k];
        var values = new double[k];
        var arms = new long[steps];
        for (long t = 1; t <= steps; t++)
        {
            long arm = t - 1;
            if (t > k)
            {
                var scores = new double[k];
                for (long a = 0; a < k; a++)
                {
                    scores[a] = values[a] + c * Math.Sqrt(Math.Log(t - 1) / counts[a]);
                }
                double best = scores.Max();
                arm = Array.FindLastIndex(scores, s => s >= best - 1e-9);
            }
            arms[t - 1] = arm;
            double reward = r[(t - 1) * k + arm];
            counts[arm]++;
            values[arm] += (reward - values[arm]) / counts[arm];
        }
        var means = rewards.mean([0]);
        var regret = (means.max() - means).index_select(0, torch.tensor(arms)).cumsum(0);
        return new UcbOutput(torch.tensor(arms), torch.tensor(counts), torch.tensor(values), regret);
    }
}

// Expect: WrongAnswer
// Mistake: Skips the initial round: counts start at 1 with value 0 (to avoid dividing by zero) and UCB decides from step 1, so the arms are first tried in score order, not in index order, and the count of 1 is a play that never happened.
namespace MlKatas.Katas;

public sealed record UcbOutput(Tensor Arms, Tensor Counts, Tensor Values, Tensor Regret);

public static class Ucb
{
    public static UcbOutput Run(Tensor rewards, double c)
    {
        long steps = rewards.shape[0], k = rewards.shape[1];
        double[] r = rewards.contiguous().data<double>().ToArray();
        var counts = Enumerable.Repeat(1L, (int)k).ToArray();
        var values = new double[k];
        var arms = new long[steps];
        for (long t = 1; t <= steps; t++)
        {
            long arm = 0;
            if (true)
            {
                var scores = new double[k];
                for (long a = 0; a < k; a++)
                {
                    scores[a] = values[a] + c * Math.Sqrt(Math.Log(Math.Max(t - 1, 1)) / counts[a]);
                }
                double best = scores.Max();
                arm = Array.FindIndex(scores, s => s >= best - 1e-9);
            }
            arms[t - 1] = arm;
            double reward = r[(t - 1) * k + arm];
            counts[arm]++;
            values[arm] += (reward - values[arm]) / counts[arm];
            // (the fictitious first play is part of every mean)
        }
        var means = rewards.mean([0]);
        var regret = (means.max() - means).index_select(0, torch.tensor(arms)).cumsum(0);
        return new UcbOutput(torch.tensor(arms), torch.tensor(counts.Select(n => n - 1).ToArray()), torch.tensor(values), regret);
    }
}

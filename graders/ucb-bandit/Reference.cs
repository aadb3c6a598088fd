namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Ucb.Run"/>.</summary>
/// <param name="Arms">The arm played at each step, shape [T], int64.</param>
/// <param name="Counts">How many times each arm was played, shape [K], int64.</param>
/// <param name="Values">Each arm's sample mean of the rewards it returned (0 if never played), shape [K], float64.</param>
/// <param name="Regret">Cumulative regret against the best arm's mean after each step, shape [T], float64.</param>
public sealed record UcbOutput(Tensor Arms, Tensor Counts, Tensor Values, Tensor Regret);

/// <summary>UCB1 on a given reward table (hidden reference).</summary>
public static class Ucb
{
    /// <summary>Scores within this of the maximum are ties (the statement's rule), won by the lowest arm index.</summary>
    private const double TieTolerance = 1e-9;

    /// <summary>
    /// Steps t = 1..T: arm t − 1 while t ≤ K (all at once), then the lowest-index arm whose Q_a + c·sqrt(ln(t − 1)/n_a)
    /// is within 1e-9 of the maximum; the state (counts, sums) lives in [K] tensors and each decision is one vectorised step.
    /// </summary>
    public static UcbOutput Run(Tensor rewards, double c)
    {
        using var scope = torch.NewDisposeScope();
        long steps = rewards.shape[0], k = rewards.shape[1];
        // The initial round in one step: arm i is played at step i + 1 and pays rewards[i, i].
        long first = Math.Min(steps, k);
        var counts = torch.cat([torch.ones(first, dtype: ScalarType.Float64), torch.zeros(k - first, dtype: ScalarType.Float64)]);
        var sums = torch.cat([rewards.narrow(0, 0, first).diagonal(), torch.zeros(k - first, dtype: ScalarType.Float64)]);
        var arms = new long[steps];
        for (long t = 1; t <= first; t++)
        {
            arms[t - 1] = t - 1;
        }
        for (long t = first + 1; t <= steps; t++)
        {
            using var step = torch.NewDisposeScope();
            var scores = sums / counts + c * (Math.Log(t - 1) / counts).sqrt();
            // argmax returns the first maximum: over the 0/1 "tied with the best" flags, the lowest tied index.
            long arm = (scores >= scores.max() - TieTolerance).to_type(ScalarType.Int64).argmax().item<long>();
            arms[t - 1] = arm;
            counts[arm] += 1.0;
            sums[arm] += rewards[t - 1, arm];
        }
        var played = torch.tensor(arms);
        var values = torch.where(counts > 0, sums / counts.clamp_min(1.0), torch.zeros_like(sums));
        var means = rewards.mean([0]);
        var regret = (means.max() - means).index_select(0, played).cumsum(0);
        return new UcbOutput(played.MoveToOuterDisposeScope(), counts.to_type(ScalarType.Int64).MoveToOuterDisposeScope(),
            values.MoveToOuterDisposeScope(), regret.MoveToOuterDisposeScope());
    }
}

namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Ucb.Run"/>.</summary>
/// <param name="Arms">The arm played at each step, shape [T], int64.</param>
/// <param name="Counts">How many times each arm was played, shape [K], int64.</param>
/// <param name="Values">Each arm's sample mean of the rewards it returned (0 if never played), shape [K], float64.</param>
/// <param name="Regret">Cumulative regret against the best arm's mean after each step, shape [T], float64.</param>
public sealed record UcbOutput(Tensor Arms, Tensor Counts, Tensor Values, Tensor Regret);

/// <summary>The UCB1 multi-armed bandit algorithm, run on a given table of rewards (so the run is deterministic).</summary>
public static class Ucb
{
    /// <summary>
    /// Steps t = 1..T: while t ≤ K play arm t − 1; then play the arm maximising Q_a + c·sqrt(ln(t − 1) / n_a), ties
    /// (scores within 1e-9 of the maximum) to the lowest index. The reward of step t is rewards[t − 1, arm].
    /// </summary>
    /// <param name="rewards">rewards[t, a]: what arm a pays if played at step t + 1, shape [T, K], float64.</param>
    /// <param name="c">The exploration coefficient c ≥ 0 (UCB1: √2).</param>
    /// <returns>The arms played ([T] int64), the play counts ([K] int64), the sample means ([K] float64) and the cumulative regret ([T] float64).</returns>
    public static UcbOutput Run(Tensor rewards, double c)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

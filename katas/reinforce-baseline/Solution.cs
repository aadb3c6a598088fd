namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Reinforce.Loss"/>.</summary>
/// <param name="Loss">PolicyLoss + baselineCoef · BaselineLoss, a 0-d float64 tensor (differentiable).</param>
/// <param name="PolicyLoss">−mean over the N steps of logπ · A, A = G − b with b detached, 0-d float64.</param>
/// <param name="BaselineLoss">mean over the N steps of (b − G)², 0-d float64.</param>
/// <param name="Returns">G, the discounted returns-to-go within each episode, shape [N], float64.</param>
/// <param name="Advantages">A = G − b, shape [N], float64.</param>
public sealed record ReinforceOutput(Tensor Loss, Tensor PolicyLoss, Tensor BaselineLoss, Tensor Returns, Tensor Advantages);

/// <summary>
/// REINFORCE (Williams 1992) with a learned state-value baseline, on a buffer of complete episodes laid end to end.
/// </summary>
public static class Reinforce
{
    /// <summary>
    /// G[n] = r[n] + γ·G[n + 1] within an episode (0 after a done); A = G − b; PolicyLoss = −mean(logπ · A) with b
    /// detached; BaselineLoss = mean((b − G)²); Loss = PolicyLoss + baselineCoef · BaselineLoss. Autograd's gradients of
    /// Loss w.r.t. logProbs and baselines are graded.
    /// </summary>
    /// <param name="logProbs">log π(a_n | s_n) of the action taken at each step, shape [N], float64 (differentiated).</param>
    /// <param name="baselines">b(s_n), the value network's output at each step, shape [N], float64 (differentiated).</param>
    /// <param name="rewards">r_n, the reward of each step, shape [N], float64.</param>
    /// <param name="dones">True where step n ended its episode (the last step always does), shape [N], bool.</param>
    /// <param name="gamma">The discount γ in [0, 1].</param>
    /// <param name="baselineCoef">The weight of the baseline's loss in Loss, ≥ 0.</param>
    /// <returns>The three losses (0-d float64), the returns and the advantages ([N] float64).</returns>
    public static ReinforceOutput Loss(Tensor logProbs, Tensor baselines, Tensor rewards, Tensor dones, double gamma, double baselineCoef)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

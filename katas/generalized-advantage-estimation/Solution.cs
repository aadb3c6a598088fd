namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Gae.Compute"/>.</summary>
/// <param name="Advantages">GAE(γ, λ) advantages, shape [B, T], float64.</param>
/// <param name="Returns">Value targets, advantages + values, shape [B, T], float64.</param>
public sealed record GaeOutput(Tensor Advantages, Tensor Returns);

/// <summary>
/// Generalized Advantage Estimation (Schulman et al. 2016) over B rollouts of T steps each, as PPO computes it
/// after collecting a batch (CleanRL's ppo.py, with the done flags of the step itself: see the statement).
/// </summary>
public static class Gae
{
    /// <summary>
    /// GAE(γ, λ): δ_t = r_t + γ(1 − d_t)·V_{t+1} − V_t and A_t = δ_t + γλ(1 − d_t)·A_{t+1}, with V_T = lastValues and
    /// A_T = 0; returns = advantages + values.
    /// </summary>
    /// <param name="rewards">r[b, t], the reward of step t of rollout b, shape [B, T], float64.</param>
    /// <param name="values">V[b, t], the critic's value of the state step t started from, shape [B, T], float64.</param>
    /// <param name="dones">d[b, t], true when step t ended its episode (no bootstrap from t + 1), shape [B, T], bool.</param>
    /// <param name="lastValues">V of the state after step T − 1 (the bootstrap value), shape [B], float64.</param>
    /// <param name="gamma">Discount γ in [0, 1].</param>
    /// <param name="lambda">GAE's λ in [0, 1].</param>
    /// <returns>Advantages and returns, [B, T] float64 each.</returns>
    public static GaeOutput Compute(Tensor rewards, Tensor values, Tensor dones, Tensor lastValues, double gamma, double lambda)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

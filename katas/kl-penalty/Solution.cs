namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="KlPenalty.Compute"/>.</summary>
/// <param name="Kl">Per-token KL estimate, 0 at masked tokens, shape [B, T], float64.</param>
/// <param name="Rewards">The KL-shaped reward: −β·kl per token plus the score at the last valid token, shape [B, T], float64.</param>
/// <param name="MeanKl">Σ kl over valid tokens / number of valid tokens, a 0-d float64 tensor.</param>
public sealed record KlPenaltyOutput(Tensor Kl, Tensor Rewards, Tensor MeanKl);

/// <summary>
/// The per-token KL penalty of RLHF (PPO with a frozen reference policy): Schulman's k1, k2 and k3 estimators of
/// KL(π_θ ‖ π_ref) from the sampled tokens' log-probabilities, and the KL-shaped reward.
/// </summary>
public static class KlPenalty
{
    /// <summary>
    /// With log r = refLogProbs − logProbs: k1 = −log r, k2 = (log r)²/2, k3 = (r − 1) − log r at valid tokens, 0 at
    /// masked ones; rewards = −β·kl with scores[b] added at row b's last valid token; MeanKl = the masked mean of kl.
    /// </summary>
    /// <param name="logProbs">log π_θ of each sampled token, shape [B, T], float64.</param>
    /// <param name="refLogProbs">log π_ref of the same tokens, shape [B, T], float64.</param>
    /// <param name="mask">True for the response tokens that count, shape [B, T], bool; every row has at least one.</param>
    /// <param name="scores">The reward model's score of each sequence, shape [B], float64.</param>
    /// <param name="estimator">"k1", "k2" or "k3".</param>
    /// <param name="beta">The KL coefficient β ≥ 0.</param>
    /// <returns>The per-token KL, the shaped rewards (both [B, T] float64) and the masked mean KL (0-d float64).</returns>
    public static KlPenaltyOutput Compute(Tensor logProbs, Tensor refLogProbs, Tensor mask, Tensor scores, string estimator, double beta)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

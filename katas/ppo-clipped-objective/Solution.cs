namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Ppo.Loss"/>: the total loss and its parts, each a 0-d float64 tensor.</summary>
/// <param name="Loss">PolicyLoss + valueCoef·ValueLoss − entropyCoef·Entropy; autograd must be able to differentiate it.</param>
/// <param name="PolicyLoss">The clipped surrogate loss, masked mean of max(−A·ratio, −A·clip(ratio, 1 − ε, 1 + ε)).</param>
/// <param name="ValueLoss">0.5 · masked mean of max((V − R)², (V_old + clip(V − V_old, −ε_v, ε_v) − R)²).</param>
/// <param name="Entropy">The masked mean of the per-token entropy.</param>
/// <param name="ApproxKl">The masked mean of (ratio − 1) − log ratio (the k3 estimator of KL(old ‖ new)), a diagnostic.</param>
/// <param name="ClipFraction">The fraction of valid tokens with |ratio − 1| &gt; ε, a diagnostic.</param>
public sealed record PpoOutput(Tensor Loss, Tensor PolicyLoss, Tensor ValueLoss, Tensor Entropy, Tensor ApproxKl, Tensor ClipFraction);

/// <summary>
/// The PPO loss (Schulman et al. 2017) on per-token quantities of B sequences of T tokens, as an RLHF trainer computes it
/// for one minibatch: clipped surrogate, clipped value loss, entropy bonus, and two diagnostics.
/// </summary>
public static class Ppo
{
    /// <summary>
    /// The clipped PPO loss. Every mean is a masked mean over the valid tokens of the whole batch:
    /// sum(x·mask) / sum(mask).
    /// </summary>
    /// <param name="newLogProbs">log π_θ(a_t | s_t) under the current policy, [B, T] float64; the grader differentiates the loss with respect to it.</param>
    /// <param name="oldLogProbs">log π_θold(a_t | s_t) from the rollout, [B, T] float64.</param>
    /// <param name="advantages">A_t (e.g. from GAE, already normalised if the trainer does that), [B, T] float64.</param>
    /// <param name="newValues">V_θ(s_t) under the current critic, [B, T] float64; the grader differentiates the loss with respect to it.</param>
    /// <param name="oldValues">V_θold(s_t) from the rollout, [B, T] float64.</param>
    /// <param name="returns">The value targets R_t (advantages + old values), [B, T] float64.</param>
    /// <param name="entropy">The policy's entropy at each token, [B, T] float64.</param>
    /// <param name="mask">True for the tokens that count (response tokens), [B, T] bool; at least one is true.</param>
    /// <param name="clipEps">ε, the ratio's clip range: clip(ratio, 1 − ε, 1 + ε).</param>
    /// <param name="valueClipEps">ε_v, how far a value may move from its old value in the clipped value loss.</param>
    /// <param name="valueCoef">The value loss's coefficient in the total loss.</param>
    /// <param name="entropyCoef">The entropy bonus's coefficient (subtracted in the total loss).</param>
    /// <returns>The total loss and its parts (0-d each).</returns>
    public static PpoOutput Loss(Tensor newLogProbs, Tensor oldLogProbs, Tensor advantages, Tensor newValues,
        Tensor oldValues, Tensor returns, Tensor entropy, Tensor mask, double clipEps, double valueClipEps,
        double valueCoef, double entropyCoef)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

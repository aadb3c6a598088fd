namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Grpo.Loss"/>.</summary>
/// <param name="Loss">The GRPO loss, a 0-d float64 tensor that autograd can differentiate.</param>
/// <param name="MeanKl">The k3 KL term alone, averaged the same way (per completion, then over completions), a diagnostic.</param>
public sealed record GrpoOutput(Tensor Loss, Tensor MeanKl);

/// <summary>
/// Group Relative Policy Optimization (Shao et al. 2024, DeepSeekMath), as TRL's GRPOTrainer computes it: advantages
/// normalised within each group of completions of the same prompt, and a clipped per-token loss with a k3 KL penalty
/// towards a frozen reference policy.
/// </summary>
public static class Grpo
{
    /// <summary>
    /// Group-normalised advantages: rewards come in groups of <paramref name="groupSize"/> consecutive completions of the
    /// same prompt; each is (r − mean of its group) / (sample standard deviation of its group + eps).
    /// </summary>
    /// <param name="rewards">One scalar reward per completion, shape [N] float64, N = (number of prompts) · G.</param>
    /// <param name="groupSize">G ≥ 2, the number of completions per prompt.</param>
    /// <param name="eps">Added to the standard deviation (not inside a square root).</param>
    /// <returns>The advantages, shape [N] float64.</returns>
    public static Tensor Advantages(Tensor rewards, int groupSize, double eps)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// The GRPO loss: per token −min(ratio·A, clip(ratio, 1 − ε, 1 + ε)·A) + β·(exp(ref − logp) − (ref − logp) − 1), with
    /// ratio = exp(logp − old logp); averaged over each completion's valid tokens, then over the N completions.
    /// </summary>
    /// <param name="logProbs">Token log-probs under the policy being trained, [N, T] float64; the grader differentiates the loss with respect to it.</param>
    /// <param name="oldLogProbs">Token log-probs under the policy that sampled the completions, [N, T] float64.</param>
    /// <param name="refLogProbs">Token log-probs under the frozen reference policy, [N, T] float64.</param>
    /// <param name="advantages">One advantage per completion (from <see cref="Advantages"/>), [N] float64.</param>
    /// <param name="mask">True for completion tokens that count, [N, T] bool; every completion has at least one.</param>
    /// <param name="clipEps">ε, the ratio's clip range.</param>
    /// <param name="beta">β ≥ 0, the KL penalty's coefficient.</param>
    /// <returns>The loss (0-d, differentiable) and the mean KL (0-d).</returns>
    public static GrpoOutput Loss(Tensor logProbs, Tensor oldLogProbs, Tensor refLogProbs, Tensor advantages, Tensor mask,
        double clipEps, double beta)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

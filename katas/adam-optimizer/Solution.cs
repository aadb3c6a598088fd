namespace MlKatas.Katas;

/// <summary>
/// N steps of Adam (L2 weight decay) or AdamW (decoupled weight decay), exactly as torch.optim.Adam / torch.optim.AdamW
/// (see README.md for the update, the bias correction and where eps goes).
/// </summary>
public static class AdamOptimizer
{
    /// <summary>
    /// Runs N steps of Adam (<paramref name="decoupled"/> = false) or AdamW (true) from <paramref name="param"/>, step t
    /// using gradient grads[t], and returns the parameter after every step.
    /// </summary>
    /// <param name="param">The initial parameter p₀, float64, any shape P (0-d included). Must not be modified.</param>
    /// <param name="grads">The gradient of each step, float64 [N, *P], N ≥ 0. Must not be modified.</param>
    /// <param name="lr">Learning rate, &gt; 0.</param>
    /// <param name="beta1">β1 in [0, 1): decay of the first moment.</param>
    /// <param name="beta2">β2 in (0, 1): decay of the second moment.</param>
    /// <param name="eps">ε &gt; 0, added to √v̂ (after the square root and the bias correction).</param>
    /// <param name="weightDecay">wd ≥ 0: Adam adds wd·p to the gradient; AdamW multiplies p by (1 − lr·wd) first.</param>
    /// <param name="decoupled">false: torch.optim.Adam; true: torch.optim.AdamW.</param>
    /// <returns>The trajectory p₁ … p_N, float64 [N, *P].</returns>
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

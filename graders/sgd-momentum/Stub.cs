namespace MlKatas.Katas;

/// <summary>
/// N steps of SGD with momentum, dampening, Nesterov and (coupled, L2) weight decay, exactly as torch.optim.SGD
/// (see README.md for the update and its first-step rule).
/// </summary>
public static class SgdMomentum
{
    /// <summary>
    /// Runs N steps of torch.optim.SGD from <paramref name="param"/>, step t using gradient grads[t], and returns the
    /// parameter after every step.
    /// </summary>
    /// <param name="param">The initial parameter p₀, float64, any shape P (0-d included). Must not be modified.</param>
    /// <param name="grads">The gradient of each step, float64 [N, *P], N ≥ 0. Must not be modified.</param>
    /// <param name="lr">Learning rate, &gt; 0.</param>
    /// <param name="momentum">μ ≥ 0 (0: no momentum buffer at all).</param>
    /// <param name="dampening">τ in [0, 1): later steps add (1 − τ)·d to the buffer; the first step does not damp.</param>
    /// <param name="weightDecay">wd ≥ 0, added to the gradient as wd·p (L2, coupled) before the momentum.</param>
    /// <param name="nesterov">Nesterov momentum (then μ &gt; 0 and τ = 0).</param>
    /// <returns>The trajectory p₁ … p_N, float64 [N, *P].</returns>
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

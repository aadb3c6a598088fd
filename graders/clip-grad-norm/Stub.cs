namespace MlKatas.Katas;

/// <summary>
/// Global-norm gradient clipping, exactly as torch.nn.utils.clip_grad_norm_: one total norm over every gradient, one
/// coefficient for all of them (see README.md).
/// </summary>
public static class GradClipping
{
    /// <summary>
    /// Clips a list of gradients by their global norm: total = the p-norm of all their elements taken together,
    /// coefficient = min(1, maxNorm / (total + 1e-6)), every gradient multiplied by that one coefficient.
    /// </summary>
    /// <param name="grads">Gradients of any shapes (0-d included), all of one dtype (float32 or float64); possibly empty. Must not be modified.</param>
    /// <param name="maxNorm">Largest allowed total norm, ≥ 0.</param>
    /// <param name="normType">p ≥ 1, or double.PositiveInfinity for the max-norm.</param>
    /// <returns>The clipped gradients (new tensors, same shapes and dtype, same order) and the total norm before clipping.</returns>
    public static (Tensor[] Grads, double TotalNorm) ClipGradNorm(Tensor[] grads, double maxNorm, double normType)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

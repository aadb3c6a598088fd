namespace MlKatas.Katas;

/// <summary>
/// RMS normalisation over the last dimension (LLaMA's RMSNorm), forward and a hand-derived backward (see README.md).
/// Backward may not call autograd: deriving it is the exercise.
/// </summary>
public static class RmsNorm
{
    /// <summary>
    /// y = x / sqrt(mean(x²) + eps) · weight, the mean of squares taken over the last dimension of each row of
    /// <paramref name="x"/>; eps inside the square root.
    /// </summary>
    /// <param name="x">Input [..., D] (any number of leading dims, e.g. [B, T, D] or just [D]), float32 or float64. Must not be modified.</param>
    /// <param name="weight">Scale [D], same dtype as <paramref name="x"/>. Must not be modified.</param>
    /// <param name="eps">Added to the mean square inside the square root (&gt; 0).</param>
    /// <returns>y, same shape and dtype as <paramref name="x"/>.</returns>
    public static Tensor Forward(Tensor x, Tensor weight, double eps)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// The gradients of L = Σ dy · Forward(x, weight, eps) with respect to x and weight, derived by hand.
    /// </summary>
    /// <param name="dy">Upstream gradient ∂L/∂y, same shape and dtype as <paramref name="x"/>. Must not be modified.</param>
    /// <param name="x">The forward's input [..., D]. Must not be modified.</param>
    /// <param name="weight">The forward's scale [D]. Must not be modified.</param>
    /// <param name="eps">The forward's eps.</param>
    /// <returns>Dx: ∂L/∂x, shape of x; DWeight: ∂L/∂weight [D], summed over every leading dim; both in x's dtype.</returns>
    public static (Tensor Dx, Tensor DWeight) Backward(Tensor dy, Tensor x, Tensor weight, double eps)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

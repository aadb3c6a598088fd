namespace MlKatas.Katas;

/// <summary>
/// Layer normalisation over the last dimension, forward and a hand-derived backward (see README.md). Backward may not
/// call autograd: deriving it is the exercise.
/// </summary>
public static class LayerNorm
{
    /// <summary>
    /// y = (x − μ) / sqrt(σ² + eps) · gamma + beta, with μ and σ² the mean and the biased variance (÷ D) of each
    /// row of <paramref name="x"/> over its last dimension.
    /// </summary>
    /// <param name="x">Input [..., D] (any number of leading dims, e.g. [B, T, D] or just [D]), float64. Must not be modified.</param>
    /// <param name="gamma">Scale [D], float64. Must not be modified.</param>
    /// <param name="beta">Shift [D], float64. Must not be modified.</param>
    /// <param name="eps">Added to the variance inside the square root (&gt; 0).</param>
    /// <returns>y, same shape as <paramref name="x"/>, float64.</returns>
    public static Tensor Forward(Tensor x, Tensor gamma, Tensor beta, double eps)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// The gradients of L = Σ dy · Forward(x, gamma, beta, eps) with respect to x, gamma and beta, derived by hand.
    /// </summary>
    /// <param name="dy">Upstream gradient ∂L/∂y, same shape as <paramref name="x"/>, float64. Must not be modified.</param>
    /// <param name="x">The forward's input [..., D], float64. Must not be modified.</param>
    /// <param name="gamma">The forward's scale [D], float64. Must not be modified.</param>
    /// <param name="eps">The forward's eps.</param>
    /// <returns>Dx: ∂L/∂x, shape of x; DGamma: ∂L/∂gamma [D]; DBeta: ∂L/∂beta [D] (summed over every leading dim); all float64.</returns>
    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

namespace MlKatas.Katas;

/// <summary>
/// Inverted dropout with the randomness given as a uniform tensor, and its backward (see README.md).
/// </summary>
public static class Dropout
{
    /// <summary>
    /// Training: keep element i where u_i ≥ p and scale it by 1/(1 − p), zero the rest (p = 1: all zeros, no division).
    /// Evaluation (<paramref name="training"/> false): the identity.
    /// </summary>
    /// <param name="x">Input, any shape, float32 or float64. Must not be modified.</param>
    /// <param name="u">Uniform draws in [0, 1), same shape and dtype as <paramref name="x"/>. Must not be modified.</param>
    /// <param name="p">Drop probability, 0 ≤ p ≤ 1.</param>
    /// <param name="training">True in training mode, false in evaluation mode.</param>
    /// <returns>y, same shape and dtype as <paramref name="x"/>.</returns>
    public static Tensor Forward(Tensor x, Tensor u, double p, bool training)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>The gradient of L = Σ dy · Forward(x, u, p, training) with respect to x.</summary>
    /// <param name="dy">Upstream gradient ∂L/∂y, same shape and dtype as <paramref name="u"/>. Must not be modified.</param>
    /// <param name="u">The forward's uniform draws. Must not be modified.</param>
    /// <param name="p">The forward's p.</param>
    /// <param name="training">The forward's mode.</param>
    /// <returns>∂L/∂x, same shape and dtype as <paramref name="dy"/>.</returns>
    public static Tensor Backward(Tensor dy, Tensor u, double p, bool training)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

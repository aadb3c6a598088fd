namespace MlKatas.Katas;

/// <summary>
/// A linear SVM trained in the primal by Pegasos with a given sampling order, so that the result is deterministic.
/// See README.md for the exact recurrence.
/// </summary>
public static class LinearSvmPrimal
{
    /// <summary>
    /// Runs T = order.shape[0] Pegasos steps from w = 0: at step t (from 1) on sample i = order[t − 1], with
    /// η = 1/(λt), w ← (1 − ηλ)w + ηyᵢxᵢ if yᵢ⟨w, xᵢ⟩ &lt; 1, else w ← (1 − ηλ)w; then, if
    /// <paramref name="project"/>, w ← min(1, (1/√λ)/‖w‖)·w.
    /// </summary>
    /// <param name="x">Samples, shape [n, d], float64. Must not be modified.</param>
    /// <param name="y">Labels, shape [n], float64, each −1 or +1. Must not be modified.</param>
    /// <param name="lambda">The regularisation strength λ &gt; 0.</param>
    /// <param name="order">The sample used at each step, shape [T], int64, values in [0, n). Must not be modified.</param>
    /// <param name="project">Whether to project w onto the ball of radius 1/√λ after each step.</param>
    /// <returns>The weights after T steps, shape [d], float64 (no bias).</returns>
    public static Tensor Pegasos(Tensor x, Tensor y, double lambda, Tensor order, bool project)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

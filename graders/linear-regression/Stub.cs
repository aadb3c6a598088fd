namespace MlKatas.Katas;

/// <summary>
/// Ordinary least squares with an intercept: exactly (normal equations or QR, written by you), and by batch gradient
/// descent with a given learning rate and number of steps.
/// </summary>
public static class LinearRegression
{
    /// <summary>
    /// Returns the (w, b) minimising ‖x w + b − y‖² (b is the intercept, not penalised, not forced to 0).
    /// </summary>
    /// <param name="x">Features, shape [n, d], float64; [x, 1] has full column rank. Must not be modified.</param>
    /// <param name="y">Targets, shape [n], float64.</param>
    /// <returns>Weights [d] float64 and the bias.</returns>
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// Runs exactly <paramref name="steps"/> steps of batch gradient descent on L(w, b) = ‖x w + b − y‖² / (2n),
    /// starting from w = 0, b = 0: r = x w + b − y, then w ← w − lr·xᵀr/n and b ← b − lr·mean(r).
    /// </summary>
    /// <param name="x">Features, shape [n, d], float64.</param>
    /// <param name="y">Targets, shape [n], float64.</param>
    /// <param name="learningRate">The step size lr &gt; 0.</param>
    /// <param name="steps">The number of updates, ≥ 0 (0 returns w = 0, b = 0).</param>
    /// <returns>Weights [d] float64 and the bias after the last step.</returns>
    public static (Tensor Weights, double Bias) FitGradientDescent(Tensor x, Tensor y, double learningRate, int steps)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

namespace MlKatas.Katas;

/// <summary>
/// L2-regularised binary logistic regression with an unregularised bias, fitted to full precision
/// (see README.md for the exact objective and tolerances).
/// </summary>
public static class LogisticRegression
{
    /// <summary>
    /// Returns the unique minimiser (w, b) of
    /// J(w, b) = (1/n)·Σᵢ [log(1 + exp(zᵢ)) − yᵢ·zᵢ] + (l2/2)·‖w‖², where z = x·w + b.
    /// The bias b is not regularised. <c>torch.optim</c> is forbidden: write the optimiser yourself.
    /// </summary>
    /// <param name="x">Features, shape [n, d], float64.</param>
    /// <param name="y">Labels, shape [n], float64, every value 0 or 1.</param>
    /// <param name="l2">Regularisation strength, always &gt; 0 (it is what makes the optimum finite on separable data).</param>
    /// <returns>
    /// <c>Weights</c>: shape [d], float64; <c>Bias</c>: the intercept b.
    /// Both within atol = 1e-6, rtol = 1e-6 of the exact minimiser.
    /// </returns>
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y, double l2)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// Predicted probability of class 1: sigmoid(x·w + b). Must stay finite (no overflow, no NaN)
    /// for logits of magnitude up to 1e4.
    /// </summary>
    /// <param name="x">Features, shape [n, d], float64.</param>
    /// <param name="weights">Weights, shape [d], float64.</param>
    /// <param name="bias">The intercept b.</param>
    /// <returns>Probabilities, shape [n], float64, each in [0, 1].</returns>
    public static Tensor PredictProba(Tensor x, Tensor weights, double bias)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

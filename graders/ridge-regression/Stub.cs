namespace MlKatas.Katas;

/// <summary>Ridge regression (L2-regularised least squares) in closed form, with an unpenalised intercept.</summary>
public static class RidgeRegression
{
    /// <summary>
    /// Returns the (w, b) minimising ‖x w + b − y‖² + l2·‖w‖²: a sum of squared residuals (not a mean), and the
    /// intercept b is not penalised.
    /// </summary>
    /// <param name="x">Features, shape [n, d], float64 (n &lt; d is allowed). Must not be modified.</param>
    /// <param name="y">Targets, shape [n], float64.</param>
    /// <param name="l2">The penalty strength on the weights, &gt; 0.</param>
    /// <returns>Weights [d] float64 and the bias.</returns>
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y, double l2)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

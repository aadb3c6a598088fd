namespace MlKatas.Katas;

/// <summary>
/// Softmax (multinomial logistic) regression with an L2 penalty on the weights only, fitted to the optimum, and its
/// class probabilities. See README.md for the exact objective and the stopping rule.
/// </summary>
public static class SoftmaxRegression
{
    /// <summary>
    /// Minimises J(W, b) = (1/n)·Σᵢ −log softmax(xᵢ·W + b)[yᵢ] + (l2/2)·‖W‖²_F (the bias is not penalised), to a
    /// gradient norm ≤ 1e-11.
    /// </summary>
    /// <param name="x">Features, shape [n, d], float64. Must not be modified.</param>
    /// <param name="y">Class labels, shape [n], int64, values in [0, classes); every class occurs. Must not be modified.</param>
    /// <param name="classes">The number of classes K ≥ 2.</param>
    /// <param name="l2">The penalty λ &gt; 0 on the weights (scikit-learn's C = 1/(n·λ)).</param>
    /// <returns>The weights W, shape [d, K], and the bias b, shape [K], both float64 (b is graded as b − mean(b)).</returns>
    public static (Tensor Weights, Tensor Bias) Fit(Tensor x, Tensor y, int classes, double l2)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>The class probabilities softmax(x·W + b), row by row, finite for logits of any size.</summary>
    /// <param name="x">Features, shape [n, d], float64.</param>
    /// <param name="weights">W, shape [d, K], float64.</param>
    /// <param name="bias">b, shape [K], float64.</param>
    /// <returns>Probabilities, shape [n, K], float64; each row sums to 1.</returns>
    public static Tensor PredictProba(Tensor x, Tensor weights, Tensor bias)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

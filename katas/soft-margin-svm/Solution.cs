namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="SoftMarginSvm.Fit"/>.</summary>
/// <param name="Alpha">Dual coefficients αᵢ, shape [n], float64: 0 ≤ αᵢ ≤ C and Σᵢ αᵢyᵢ = 0 (not multiplied by yᵢ).</param>
/// <param name="Bias">The bias b of the decision function f(x) = Σᵢ αᵢ yᵢ K(xᵢ, x) + b (README.md says how to choose it).</param>
/// <param name="Decision">f(q) at every query point, shape [m], float64.</param>
public sealed record SvmResult(Tensor Alpha, double Bias, Tensor Decision);

/// <summary>
/// A soft-margin (C-)SVM trained by solving its dual with SMO, with a linear or an RBF kernel.
/// </summary>
public static class SoftMarginSvm
{
    /// <summary>
    /// Solves the dual: minimise ½ Σᵢⱼ αᵢαⱼyᵢyⱼK(xᵢ, xⱼ) − Σᵢ αᵢ subject to 0 ≤ αᵢ ≤ C and Σᵢ αᵢyᵢ = 0, until the
    /// maximal KKT violation is at most 1e-8; then returns α, the bias b and the decision function at
    /// <paramref name="queries"/>.
    /// </summary>
    /// <param name="x">Training points, shape [n, d], float64. Must not be modified.</param>
    /// <param name="y">Labels, shape [n], float64, each −1 or +1; both classes occur.</param>
    /// <param name="queries">Points at which to evaluate the decision function, shape [m, d], float64.</param>
    /// <param name="c">The box constraint C &gt; 0.</param>
    /// <param name="kernel">"linear": K(a, b) = a·b; "rbf": K(a, b) = exp(−gamma·‖a − b‖²).</param>
    /// <param name="gamma">The RBF kernel's gamma &gt; 0 (0 and ignored for the linear kernel).</param>
    /// <returns>α [n], b, and f(queries) [m], all float64.</returns>
    public static SvmResult Fit(Tensor x, Tensor y, Tensor queries, double c, string kernel, double gamma)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

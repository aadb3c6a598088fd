namespace MlKatas.Katas;

/// <summary>Result of <see cref="SoftMarginSvm.Fit"/>.</summary>
/// <param name="Alpha">Dual coefficients αᵢ [n], float64, 0 ≤ αᵢ ≤ C, Σ αᵢyᵢ = 0.</param>
/// <param name="Bias">The bias b of f(x) = Σ αᵢ yᵢ K(xᵢ, x) + b.</param>
/// <param name="Decision">f at each query point [m], float64.</param>
public sealed record SvmResult(Tensor Alpha, double Bias, Tensor Decision);

/// <summary>
/// Reference for the soft-margin-svm kata: the C-SVM dual solved by SMO with libsvm's second-order working-set
/// selection (Fan, Chen &amp; Lin, JMLR 2005), run to a maximal KKT violation of 1e-10.
/// </summary>
public static class SoftMarginSvm
{
    // Stricter than the statement's 1e-8 (the learner's bound), so the reference is never the one near the edge.
    private const double Tolerance = 1e-10;

    // libsvm's tau: the curvature K_ii + K_jj − 2K_ij of a pair is 0 for duplicated points.
    private const double Tau = 1e-12;

    private const int MaxIterations = 10_000_000;

    /// <summary>
    /// Minimises ½ Σᵢⱼ αᵢαⱼyᵢyⱼK(xᵢ,xⱼ) − Σᵢ αᵢ subject to 0 ≤ αᵢ ≤ C and Σ αᵢyᵢ = 0, then evaluates the decision
    /// function at the queries.
    /// </summary>
    /// <param name="x">Training points [n,d], float64.</param>
    /// <param name="y">Labels [n], float64, each −1 or +1 (both present).</param>
    /// <param name="queries">Points to evaluate f at [m,d], float64.</param>
    /// <param name="c">Box constraint C &gt; 0.</param>
    /// <param name="kernel">"linear" (K = x·x') or "rbf" (K = exp(−γ‖x − x'‖²)).</param>
    /// <param name="gamma">γ of the RBF kernel (ignored by the linear one).</param>
    /// <returns>α, b and f(queries).</returns>
    public static SvmResult Fit(Tensor x, Tensor y, Tensor queries, double c, string kernel, double gamma)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0];
        var k = Kernel(x, x, x, kernel, gamma);              // [n, n]
        var kDiagonal = k.diagonal().clone();
        double[] labels = y.data<double>().ToArray();
        var alpha = new double[n];   // two entries change per step: scalar bookkeeping stays in C#, vector work in torch

        // v_i = y_i − Σ_j α_j y_j K_ij = −y_i ∇_i of the dual: the bias that point i asks for. α = 0 gives v = y.
        var v = y.clone();
        // I_up: α_i can move so that y_i α_i grows (y = +1, α < C or y = −1, α > 0); I_low: so that it shrinks.
        // Kept as additive masks (0 inside the set, ∓∞ outside) so that one add and one argmax search a set.
        var upMask = torch.zeros(n, dtype: float64).masked_fill_(y.lt(0), double.NegativeInfinity);   // α = 0: up ⇔ y = +1
        var lowMask = torch.zeros(n, dtype: float64).masked_fill_(y.gt(0), double.PositiveInfinity);  // low ⇔ y = −1

        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            using var iterationScope = torch.NewDisposeScope();
            // Maximal violating pair: i maximises v over I_up; the gap is that maximum minus the minimum of v over I_low.
            long i = (v + upMask).argmax().item<long>();
            double vi = v[i].item<double>();
            double vLowMin = (v + lowMask).min().item<double>();
            if (vi - vLowMin <= Tolerance)
            {
                break;
            }

            // Second-order choice of j ∈ I_low with v_j < v_i: the largest decrease of the dual, (v_i − v_j)² / curvature.
            var kI = k[i];
            var curvature = (kDiagonal + kDiagonal[i]).add_(kI, alpha: -2).clamp_min_(Tau);
            var decrease = (vi - v).clamp_min_(0).pow_(2).div_(curvature).sub_(lowMask);
            long j = decrease.argmax().item<long>();

            // Move along α_i += y_i t, α_j −= y_j t (keeps Σ αy), t ≥ 0 clipped so both stay in [0, C].
            double yi = labels[i], yj = labels[j];
            double roomI = yi > 0 ? c - alpha[i] : alpha[i];
            double roomJ = yj > 0 ? alpha[j] : c - alpha[j];
            double t = (vi - v[j].item<double>()) / curvature[j].item<double>();
            double step = Math.Min(t, Math.Min(roomI, roomJ));
            // Land exactly on the bound that clipped the step, so that "free" (0 < α < C) means free.
            double newI = step == roomI ? (yi > 0 ? c : 0) : alpha[i] + yi * step;
            double newJ = step == roomJ ? (yj > 0 ? 0 : c) : alpha[j] - yj * step;
            double deltaI = newI - alpha[i], deltaJ = newJ - alpha[j];
            alpha[i] = newI;
            alpha[j] = newJ;
            v.add_(kI, alpha: -yi * deltaI).add_(k[j], alpha: -yj * deltaJ);
            SetMasks(upMask, lowMask, i, yi, newI, c);
            SetMasks(upMask, lowMask, j, yj, newJ, c);
        }

        // b: the mean of v over free support vectors (all equal at the optimum); with none, the midpoint of
        // [max of v over I_up, min of v over I_low], the interval of optimal biases.
        var alphaTensor = torch.tensor(alpha, dtype: float64);
        var free = alphaTensor.gt(0).logical_and(alphaTensor.lt(c));
        double bias = free.any().item<bool>()
            ? v.masked_select(free).mean().item<double>()
            : ((v + upMask).max().item<double>() + (v + lowMask).min().item<double>()) / 2;

        var decision = Kernel(queries, x, x, kernel, gamma).mv(alphaTensor * y).add_(bias);
        return new SvmResult(alphaTensor.MoveToOuterDisposeScope(), bias, decision.MoveToOuterDisposeScope());
    }

    private static void SetMasks(Tensor upMask, Tensor lowMask, long p, double label, double alpha, double c)
    {
        bool belowC = alpha < c, aboveZero = alpha > 0;
        upMask[p] = (label > 0 ? belowC : aboveZero) ? 0.0 : double.NegativeInfinity;
        lowMask[p] = (label > 0 ? aboveZero : belowC) ? 0.0 : double.PositiveInfinity;
    }

    /// <summary>K(a, b) [rows of a, rows of b]. RBF distances are taken after centring on the training mean.</summary>
    private static Tensor Kernel(Tensor a, Tensor b, Tensor train, string kernel, double gamma)
    {
        if (kernel == "linear")
        {
            return a.matmul(b.t());
        }
        // ‖a − b‖² = ‖a‖² + ‖b‖² − 2a·b cancels catastrophically far from the origin (‖a‖² ~ 1e10 leaves ~1e-6 of
        // absolute error); the RBF kernel is translation-invariant, so centre first and the expansion is exact enough.
        var centre = train.mean([0], keepdim: true);
        var ac = a - centre;
        var bc = b - centre;
        var squared = ac.pow(2).sum(dim: 1).unsqueeze(1) + bc.pow(2).sum(dim: 1).unsqueeze(0) - 2 * ac.matmul(bc.t());
        return squared.clamp_min_(0).mul_(-gamma).exp_();
    }
}

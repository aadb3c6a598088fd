namespace MlKatas.Katas;

/// <summary>
/// Reference for the softmax-regression kata: Newton's method on θ = [W; b] with the full multinomial Hessian formed
/// by two matrix products, the bias's flat direction made definite by a rank-one term, and Armijo backtracking.
/// </summary>
public static class SoftmaxRegression
{
    private const int MaxNewtonSteps = 100;

    // The statement asks for ‖∇J‖₂ ≤ 1e-11; the reference goes a decade further (Newton's last steps are quadratic).
    private const double GradientTolerance = 1e-12;

    // Once the gradient is at its rounding floor it can stop shrinking: a full step this small relative to θ is noise.
    private const double StagnationTolerance = 1e-13;

    private const double Epsilon = 2.220446049250313e-16;   // float64 machine epsilon

    /// <summary>
    /// Minimises J(W, b) = (1/n) Σ −log softmax(x W + b)[y] + (l2/2)‖W‖²; the bias is not penalised, and the Newton
    /// steps keep Σ b_k = 0 (the bias is defined up to a shift).
    /// </summary>
    /// <param name="x">Features [n,d], float64.</param>
    /// <param name="y">Labels [n], int64 in [0, classes).</param>
    /// <param name="classes">K.</param>
    /// <param name="l2">Penalty on W.</param>
    /// <returns>W [d,K] and b [K], float64.</returns>
    public static (Tensor Weights, Tensor Bias) Fit(Tensor x, Tensor y, int classes, double l2)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1], k = classes, size = (d + 1) * classes;
        var xa = torch.cat(new[] { x, torch.ones(n, 1, dtype: float64) }, dim: 1);   // [n, D], D = d + 1
        var xaT = xa.t();
        var target = torch.nn.functional.one_hot(y, classes).to(float64);            // [n, K]

        var reg = torch.full(d + 1, k, l2, dtype: float64);
        reg[d] = torch.zeros(k, dtype: float64);                                       // no penalty on the bias row
        // Diagonal penalty, the gauge term v vᵀ/K (v = 1 on the bias row: the direction J is flat along), and the
        // δ_kl pattern of the Hessian's first term, all fixed for the whole fit.
        var gauge = torch.zeros(d + 1, k, dtype: float64);
        gauge[d] = torch.ones(k, dtype: float64);
        gauge = gauge.reshape(size);
        var fixedPart = torch.diag(reg.reshape(size)).add_(torch.outer(gauge, gauge).div_(k));
        var classDiagonal = torch.eye(k, dtype: float64).reshape(1, k, 1, k);

        var theta = torch.zeros(d + 1, k, dtype: float64);
        var logits = torch.zeros(n, k, dtype: float64);
        double objective = Objective(logits, target, theta, reg);
        double previousStep = double.PositiveInfinity;
        for (int step = 0; step < MaxNewtonSteps; step++)
        {
            using var iteration = torch.NewDisposeScope();
            var p = logits.softmax(1);
            var gradient = xaT.matmul(p - target).div_(n).add_(reg * theta);          // [D, K]
            if (gradient.norm().item<double>() <= GradientTolerance)
            {
                break;
            }

            // H[(a,k),(b,l)] = (1/n) Σᵢ x̃ᵢₐ x̃ᵢ_b (pᵢₖ δₖₗ − pᵢₖ pᵢₗ) + penalty + gauge.
            var a = (xa.unsqueeze(2) * p.unsqueeze(1)).reshape(n, size);              // [n, D·K]
            var blockDiagonal = a.t().matmul(xa).reshape(d + 1, k, d + 1, 1) * classDiagonal;   // [D,K,D,K]
            var hessian = blockDiagonal.reshape(size, size).sub_(a.t().matmul(a)).div_(n).add_(fixedPart);
            var delta = torch.linalg.solve(hessian, gradient.reshape(size)).reshape(d + 1, k).neg_();

            double stepSize = delta.abs().max().item<double>();
            if (stepSize >= previousStep && stepSize <= StagnationTolerance * (1 + theta.abs().max().item<double>()))
            {
                break;
            }

            // Armijo backtracking on J; once the predicted decrease is below J's rounding noise, take the full step.
            double slope = gradient.mul(delta).sum().item<double>();
            double noise = 64 * Epsilon * Math.Abs(objective);
            bool measurable = -slope > noise;
            double t = 1.0;
            Tensor candidate, candidateLogits;
            double candidateObjective;
            while (true)
            {
                candidate = theta + t * delta;
                candidateLogits = xa.matmul(candidate);
                candidateObjective = Objective(candidateLogits, target, candidate, reg);
                if (!measurable || candidateObjective <= objective + 1e-4 * t * slope + noise || t < 1e-10)
                {
                    break;
                }
                t *= 0.5;
            }
            previousStep = t == 1.0 ? stepSize : double.PositiveInfinity;
            theta = candidate.MoveToOuterDisposeScope();
            logits = candidateLogits.MoveToOuterDisposeScope();
            objective = candidateObjective;
        }

        var weights = theta.narrow(0, 0, d).clone();
        var bias = theta[d].clone();
        return (weights.MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope());
    }

    /// <summary>softmax(x W + b) row by row; torch's softmax subtracts each row's maximum, so any logit is safe.</summary>
    /// <param name="x">Features [n,d], float64.</param>
    /// <param name="weights">W [d,K], float64.</param>
    /// <param name="bias">b [K], float64.</param>
    /// <returns>Probabilities [n,K], float64.</returns>
    public static Tensor PredictProba(Tensor x, Tensor weights, Tensor bias)
    {
        using var scope = torch.NewDisposeScope();
        return x.matmul(weights).add_(bias).softmax(1).MoveToOuterDisposeScope();
    }

    // J at θ given the logits x̃θ: the mean of logsumexp(z) − z_y (stable), plus the penalty on the W rows.
    private static double Objective(Tensor logits, Tensor target, Tensor theta, Tensor reg)
    {
        using var scope = torch.NewDisposeScope();
        double data = (torch.logsumexp(logits, 1) - (logits * target).sum(dim: 1)).mean().item<double>();
        double penalty = 0.5 * (reg * theta * theta).sum().item<double>();
        return data + penalty;
    }
}

namespace MlKatas.Katas;

/// <summary>
/// Reference for the logistic-regression kata: L2-regularised logistic regression (bias not penalised) fitted by
/// Newton's method (IRLS) on the augmented design [x, 1], with a backtracking safeguard.
/// </summary>
/// <remarks>
/// Speed (it sets the learners' budget, and docs/benchmarks.md compares it with scikit-learn's lbfgs): a step costs
/// one O(n d) gradient, and the Hessian XᵀSX/n costs O(n d²), about d gradients. So the Hessian is formed only when it
/// pays: in float32 while the iterate is far from the optimum (the direction only has to be good, the float64 gradient
/// decides where the iteration converges), in float64 once close, and it is reused (with its Cholesky factor) for as
/// long as each step still shrinks the gradient at least fourfold. Measured with
/// <c>MlKatas.Benchmarks compare logistic-regression</c>: 0.45–0.49× the time of recomputing a float64 Hessian at every
/// step, on the same optimum to 3e-12.
/// </remarks>
public static class LogisticRegression
{
    private const int MaxNewtonSteps = 100;

    // Stop once a step moves no coordinate by more than this, relative to the iterate's size: Newton converges
    // quadratically and a reused-Hessian step at least fourfold, so the remaining error is then far below the kata's
    // 1e-6 tolerance.
    private const double StepTolerance = 1e-10;

    // ... or, as a safety net, once full steps stop shrinking while already tiny (≤ 1e-9 relative): with an
    // ill-conditioned Hessian (n < d, or n = 2, with a weak penalty) rounding noise in the gradient, divided by
    // eigenvalues ~l2, can keep the step at 1e-11..1e-9 for ever. Quadratic convergence would shrink a genuine step of
    // that size to ~1e-18, so a step that does not shrink is noise, and the iterate is accurate to about its size.
    // (Computing the residual and J without cancellation, below, keeps that noise floor well under 1e-12 on every
    // case tried; without it, such cases used all 100 steps.)
    private const double StagnationTolerance = 1e-9;

    // Below this gradient size (max norm) the Hessian is formed in float64: the last steps must be Newton steps of the
    // exact problem for the quadratic finish.
    private const double ExactHessianBelow = 1e-4;

    // A Hessian is reused while each step shrinks the gradient (max norm) by at least this factor.
    private const double ReuseWhileGradientShrinksBy = 0.25;

    private const double Epsilon = 2.220446049250313e-16;   // float64 machine epsilon

    /// <summary>
    /// Minimises J(w,b) = (1/n) Σ [log(1 + e^{z_i}) − y_i z_i] + (l2/2)‖w‖², z = x w + b.
    /// </summary>
    /// <param name="x">Features [n,d], float64.</param>
    /// <param name="y">Labels [n] in {0,1}, float64.</param>
    /// <param name="l2">Strength of the L2 penalty on the weights (not the bias), &gt; 0.</param>
    /// <returns>The minimiser: weights [d] float64 and the bias.</returns>
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y, double l2)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1];

        // Augmented design [x, 1] so that theta = [w; b] and z = xa theta.
        var xa = torch.cat(new[] { x, torch.ones(n, 1, dtype: x.dtype) }, dim: 1);
        var xaT = xa.t();
        var xa32 = xa.to_type(ScalarType.Float32);
        var xa32T = xa32.t();
        var yd = y.to(x.dtype);

        // Penalty diag(l2, ..., l2, 0): the bias is not regularised.
        var reg = torch.full(d + 1, l2, dtype: x.dtype);
        reg[d] = torch.tensor(0.0, dtype: x.dtype);
        var regMatrix = torch.diag(reg);

        var theta = torch.zeros(d + 1, dtype: x.dtype);
        var z = torch.zeros(n, dtype: x.dtype);
        double objective = Objective(z, yd, theta, reg);
        double previousStepNorm = double.PositiveInfinity;
        double previousGradientNorm = double.PositiveInfinity;
        bool exactHessian = false;
        Tensor? factor = null;   // Cholesky factor of the Hessian in use

        for (int step = 0; step < MaxNewtonSteps; step++)
        {
            using var iteration = torch.NewDisposeScope();

            var p = torch.sigmoid(z);
            var q = torch.sigmoid(z.neg());   // 1 − p without cancellation
            // Residual σ(z) − y written as (1 − y) σ(z) − y σ(−z): exact-ish even where p rounds to 1.
            var residual = (1 - yd) * p - yd * q;
            var gradient = xaT.matmul(residual).div_(n).add_(reg * theta);
            double gradientNorm = gradient.abs().max().item<double>();
            if (factor is null || !(gradientNorm <= ReuseWhileGradientShrinksBy * previousGradientNorm))
            {
                // S = diag(σ(z) σ(−z)); σ(z)(1 − σ(z)) would round to 0 for z > ~37.
                var s = p * q;
                exactHessian |= gradientNorm <= ExactHessianBelow;
                Tensor? cholesky = null;
                if (!exactHessian)
                {
                    var hessian32 = xa32T.matmul(xa32 * s.to_type(ScalarType.Float32).unsqueeze(1))
                        .to_type(x.dtype).div_(n).add_(regMatrix);
                    var (l, info) = torch.linalg.cholesky_ex(hessian32);
                    // s below float32's range (|z| > ~100 on nearly separable data) can leave it singular: use float64
                    cholesky = info.item<int>() == 0 ? l : null;
                    exactHessian = cholesky is null;
                }
                if (exactHessian)
                {
                    var hessian = xaT.matmul(xa * s.unsqueeze(1)).div_(n).add_(regMatrix);   // XᵀSX/n + R, O(n d²)
                    cholesky = torch.linalg.cholesky(hessian);                                  // O(d³)
                }
                factor?.Dispose();
                factor = cholesky!.MoveToOuterDisposeScope();
            }
            previousGradientNorm = gradientNorm;
            var delta = torch.cholesky_solve(gradient.unsqueeze(1), factor).squeeze(1).neg_();

            double stepNorm = delta.abs().max().item<double>();
            bool stagnated = stepNorm >= previousStepNorm
                && stepNorm <= StagnationTolerance * (1 + theta.abs().max().item<double>());
            if (stepNorm < StepTolerance * (1 + theta.abs().max().item<double>()) || stagnated)
            {
                var finalTheta = theta + delta;
                theta.Dispose();
                theta = finalTheta.MoveToOuterDisposeScope();
                break;
            }

            // Backtracking (Armijo) on J. Pure Newton takes t = 1 near the optimum (quadratic convergence); the
            // safeguard only matters far from it, e.g. on nearly separable data with a weak penalty. Once the
            // predicted decrease −gᵀΔ (the squared Newton decrement) is below the rounding noise of J, comparing
            // values of J says nothing, so the full step is taken (we are then in the quadratic phase).
            double slope = gradient.dot(delta).item<double>();   // gᵀΔ < 0: Δ is a descent direction
            double noise = 64 * Epsilon * Math.Abs(objective);
            bool measurable = -slope > noise;
            double t = 1.0;
            Tensor candidate, candidateZ;
            double candidateObjective;
            while (true)
            {
                candidate = theta + t * delta;
                candidateZ = xa.matmul(candidate);
                candidateObjective = Objective(candidateZ, yd, candidate, reg);
                if (!measurable || candidateObjective <= objective + 1e-4 * t * slope + noise || t < 1e-10)
                {
                    break;
                }
                t *= 0.5;
            }

            previousStepNorm = t == 1.0 ? stepNorm : double.PositiveInfinity;   // shrinkage is judged on full steps
            theta.Dispose();
            z.Dispose();
            theta = candidate.MoveToOuterDisposeScope();
            z = candidateZ.MoveToOuterDisposeScope();
            objective = candidateObjective;
        }

        var weights = theta.narrow(0, 0, d).clone();
        double bias = theta[d].item<double>();
        return (weights.MoveToOuterDisposeScope(), bias);
    }

    /// <summary>P(y = 1 | x) = σ(x w + b), [n] float64; torch.sigmoid is stable for any |z|.</summary>
    /// <param name="x">Features [n,d], float64.</param>
    /// <param name="weights">Weights [d], float64.</param>
    /// <param name="bias">Bias.</param>
    /// <returns>Probabilities [n], float64.</returns>
    public static Tensor PredictProba(Tensor x, Tensor weights, double bias)
    {
        using var scope = torch.NewDisposeScope();
        return torch.sigmoid(x.matmul(weights).add_(bias)).MoveToOuterDisposeScope();
    }

    // J at theta given z = xa theta. Each data term log(1 + e^z) − y z is written as
    // (1 − y) softplus(z) + y softplus(−z) (equal since softplus(z) − z = softplus(−z)): no cancellation when a
    // point is well classified, so J is accurate to a few ulps, which the line search relies on.
    // softplus(z) = max(z, 0) + log1p(e^{−|z|}) never overflows.
    private static double Objective(Tensor z, Tensor y, Tensor theta, Tensor reg)
    {
        using var scope = torch.NewDisposeScope();
        var tail = z.abs().neg_().exp_().log1p_();
        var softplusPositive = z.clamp_min(0).add_(tail);        // softplus(z)
        var softplusNegative = z.neg().clamp_min_(0).add_(tail); // softplus(−z)
        double data = ((1 - y) * softplusPositive + y * softplusNegative).mean().item<double>();
        double penalty = 0.5 * (reg * theta * theta).sum().item<double>();
        return data + penalty;
    }
}

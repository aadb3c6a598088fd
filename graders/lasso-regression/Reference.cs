namespace MlKatas.Katas;

/// <summary>Result of <see cref="LassoRegression.Fit"/>.</summary>
/// <param name="Weights">The weights [d], float64.</param>
/// <param name="Bias">The unpenalised intercept ȳ − x̄·w.</param>
/// <param name="Objective">(1/(2n))‖y − x w − b‖² + α‖w‖₁ at the returned w and b.</param>
public sealed record LassoResult(Tensor Weights, double Bias, double Objective);

/// <summary>
/// Reference for the lasso-regression kata: cyclic coordinate descent in covariance form. The data enter once, through
/// G = xcᵀxc/n and c = xcᵀyc/n (one GEMM, O(n·d²)); each coordinate update is then O(d) scalar work on double[] copies,
/// with q = c − G·w kept up to date so that ρⱼ = qⱼ + Gⱼⱼ·wⱼ. In exact arithmetic this is the statement's residual-form
/// loop, iterate for iterate.
/// </summary>
public static class LassoRegression
{
    /// <summary>Minimises (1/(2n))‖y − x w − b‖² + α‖w‖₁ by the statement's coordinate descent.</summary>
    /// <param name="x">Features [n,d], float64.</param>
    /// <param name="y">Targets [n], float64.</param>
    /// <param name="alpha">L1 penalty α &gt; 0.</param>
    /// <param name="tol">Stop after the first sweep whose largest weight change is ≤ tol.</param>
    /// <param name="maxSweeps">The most sweeps to run.</param>
    /// <returns>Weights, intercept and objective.</returns>
    public static LassoResult Fit(Tensor x, Tensor y, double alpha, double tol, int maxSweeps)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0];
        int d = (int)x.shape[1];
        var xMean = x.mean([0]);
        var yMean = y.mean();
        var xc = x - xMean;
        var yc = y - yMean;
        double[] gram = xc.t().matmul(xc).div_(n).data<double>().ToArray();   // row-major [d,d], symmetric
        double[] q = xc.t().mv(yc).div_(n).data<double>().ToArray();          // c − G·w, with w = 0

        var w = new double[d];
        for (int sweep = 0; sweep < maxSweeps; sweep++)
        {
            double biggest = 0;
            for (int j = 0; j < d; j++)
            {
                double zj = gram[j * d + j];
                if (zj == 0)
                {
                    continue;   // a constant column: centred it is exactly zero and its weight stays 0
                }
                double rho = q[j] + zj * w[j];
                double next = Math.Sign(rho) * Math.Max(Math.Abs(rho) - alpha, 0) / zj;
                double change = next - w[j];
                if (change != 0)
                {
                    int row = j * d;   // column j of G, read as row j (G is symmetric)
                    for (int k = 0; k < d; k++)
                    {
                        q[k] -= gram[row + k] * change;
                    }
                    w[j] = next;
                }
                biggest = Math.Max(biggest, Math.Abs(change));
            }
            if (biggest <= tol)
            {
                break;
            }
        }

        var weights = torch.tensor(w, dtype: float64);
        var fitted = xc.mv(weights);
        double bias = (yMean - xMean.dot(weights)).item<double>();
        double l1 = w.Sum(Math.Abs);
        // The residual y − x·w − b equals yc − xc·w exactly in real arithmetic; the centred form avoids cancelling
        // large offsets.
        var residual = yc - fitted;
        double objective = residual.dot(residual).item<double>() / (2.0 * n) + alpha * l1;
        return new LassoResult(weights.MoveToOuterDisposeScope(), bias, objective);
    }
}

// Expect: TooSlow
// Mistake: Builds the covariance-form statistics G = xcᵀxc/n and c = xcᵀyc/n one sample at a time in a C# loop (n outer products) instead of one matmul; the descent itself is fine.
namespace MlKatas.Katas;

public sealed record LassoResult(Tensor Weights, double Bias, double Objective);

public static class LassoRegression
{
    public static LassoResult Fit(Tensor x, Tensor y, double alpha, double tol, int maxSweeps)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0];
        int d = (int)x.shape[1];
        var xMean = x.mean([0]);
        var yMean = y.mean();
        var xc = x - xMean;
        var yc = y - yMean;
        var g = torch.zeros(d, d, dtype: float64);
        var c = torch.zeros(d, dtype: float64);
        for (long i = 0; i < n; i++)
        {
            using var row = torch.NewDisposeScope();
            var xi = xc[i];
            g.add_(torch.outer(xi, xi));
            c.add_(xi * yc[i]);
        }
        double[] gram = (g / n).data<double>().ToArray();
        double[] q = (c / n).data<double>().ToArray();

        var w = new double[d];
        for (int sweep = 0; sweep < maxSweeps; sweep++)
        {
            double biggest = 0;
            for (int j = 0; j < d; j++)
            {
                double zj = gram[j * d + j];
                if (zj == 0)
                {
                    continue;
                }
                double rho = q[j] + zj * w[j];
                double next = Math.Sign(rho) * Math.Max(Math.Abs(rho) - alpha, 0) / zj;
                double change = next - w[j];
                for (int k = 0; k < d; k++)
                {
                    q[k] -= gram[j * d + k] * change;
                }
                w[j] = next;
                biggest = Math.Max(biggest, Math.Abs(change));
            }
            if (biggest <= tol)
            {
                break;
            }
        }

        var weights = torch.tensor(w, dtype: float64);
        double bias = (yMean - xMean.dot(weights)).item<double>();
        var residual = yc - xc.mv(weights);
        double objective = residual.dot(residual).item<double>() / (2.0 * n) + alpha * w.Sum(Math.Abs);
        return new LassoResult(weights.MoveToOuterDisposeScope(), bias, objective);
    }
}

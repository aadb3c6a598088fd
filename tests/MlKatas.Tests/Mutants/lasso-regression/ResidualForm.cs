// Expect: Passed
// Mistake: None: the residual form a candidate writes first (a few tensor operations per coordinate, O(n) each), the control that calibrates the speed budget.
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
        double yMean = y.mean().item<double>();
        var xc = x - xMean;
        var r = y - yMean;   // yc − xc·w with w = 0
        var cols = xc.t().contiguous();
        var z = new double[d];
        for (int j = 0; j < d; j++)
        {
            z[j] = cols[j].dot(cols[j]).item<double>() / n;
        }

        var w = new double[d];
        for (int sweep = 0; sweep < maxSweeps; sweep++)
        {
            double biggest = 0;
            for (int j = 0; j < d; j++)
            {
                if (z[j] == 0)
                {
                    continue;
                }
                using var inner = torch.NewDisposeScope();
                var column = cols[j];
                double rho = column.dot(r).item<double>() / n + z[j] * w[j];
                double next = Math.Sign(rho) * Math.Max(Math.Abs(rho) - alpha, 0) / z[j];
                if (next != w[j])
                {
                    r.sub_(column * (next - w[j]));
                }
                biggest = Math.Max(biggest, Math.Abs(next - w[j]));
                w[j] = next;
            }
            if (biggest <= tol)
            {
                break;
            }
        }

        var weights = torch.tensor(w, dtype: float64);
        double bias = yMean - xMean.dot(weights).item<double>();
        double objective = r.dot(r).item<double>() / (2.0 * n) + alpha * w.Sum(Math.Abs);
        return new LassoResult(weights.MoveToOuterDisposeScope(), bias, objective);
    }
}

// Expect: TooSlow
// Mistake: Correct, but loops in C# over the (sample, channel) slices to accumulate each channel's sums, and again to
// write each slice of y and dx: thousands of small tensor calls where a handful of reductions over dims {0, 2, 3} do.
namespace MlKatas.Katas;

public static class BatchNorm
{
    public static (Tensor Y, Tensor RunningMean, Tensor RunningVar) ForwardTrain(Tensor x, Tensor gamma, Tensor beta,
        Tensor runningMean, Tensor runningVar, double momentum, double eps)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], c = x.shape[1];
        double m = x.numel() / c;
        var mean = new double[c];
        var variance = new double[c];
        for (long j = 0; j < c; j++)
        {
            double s = 0;
            for (long i = 0; i < n; i++) s += x[i, j].sum().item<double>();
            mean[j] = s / m;
            double q = 0;
            for (long i = 0; i < n; i++) q += (x[i, j] - mean[j]).square().sum().item<double>();
            variance[j] = q / m;
        }
        var y = torch.empty_like(x);
        for (long i = 0; i < n; i++)
        {
            for (long j = 0; j < c; j++)
            {
                y[i, j] = (x[i, j] - mean[j]) / Math.Sqrt(variance[j] + eps) * gamma[j] + beta[j];
            }
        }
        var mt = torch.tensor(mean);
        var vt = torch.tensor(variance);
        var rm = runningMean * (1 - momentum) + mt * momentum;
        var rv = runningVar * (1 - momentum) + vt * (m / (m - 1) * momentum);
        return (y.MoveToOuterDisposeScope(), rm.MoveToOuterDisposeScope(), rv.MoveToOuterDisposeScope());
    }

    public static Tensor ForwardEval(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, double eps)
    {
        using var scope = torch.NewDisposeScope();
        var y = torch.empty_like(x);
        for (long i = 0; i < x.shape[0]; i++)
        {
            for (long j = 0; j < x.shape[1]; j++)
            {
                y[i, j] = (x[i, j] - runningMean[j]) / (runningVar[j] + eps).sqrt() * gamma[j] + beta[j];
            }
        }
        return y.MoveToOuterDisposeScope();
    }

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], c = x.shape[1];
        double m = x.numel() / c;
        var dx = torch.empty_like(x);
        var dgamma = new double[c];
        var dbeta = new double[c];
        for (long j = 0; j < c; j++)
        {
            double s = 0;
            for (long i = 0; i < n; i++) s += x[i, j].sum().item<double>();
            double mean = s / m, q = 0;
            for (long i = 0; i < n; i++) q += (x[i, j] - mean).square().sum().item<double>();
            double rstd = 1 / Math.Sqrt(q / m + eps), g = gamma[j].item<double>();
            double sumG = 0, sumGX = 0;
            for (long i = 0; i < n; i++)
            {
                var xhat = (x[i, j] - mean) * rstd;
                sumG += dy[i, j].sum().item<double>() * g;
                sumGX += (dy[i, j] * xhat).sum().item<double>() * g;
                dgamma[j] += (dy[i, j] * xhat).sum().item<double>();
                dbeta[j] += dy[i, j].sum().item<double>();
            }
            for (long i = 0; i < n; i++)
            {
                var xhat = (x[i, j] - mean) * rstd;
                dx[i, j] = (dy[i, j] * g - sumG / m - xhat * (sumGX / m)) * rstd;
            }
        }
        return (dx.MoveToOuterDisposeScope(), torch.tensor(dgamma).MoveToOuterDisposeScope(), torch.tensor(dbeta).MoveToOuterDisposeScope());
    }
}

// Expect: TooSlow
// Mistake: Computes the margin with a C# loop over the d coordinates, reading w[j] and x[i, j] one element at a time: correct, but 2·d native calls per step instead of one dot product.
namespace MlKatas.Katas;

public static class LinearSvmPrimal
{
    public static Tensor Pegasos(Tensor x, Tensor y, double lambda, Tensor order, bool project)
    {
        long d = x.shape[1];
        long[] idx = order.data<long>().ToArray();
        double[] ys = y.data<double>().ToArray();
        double radius = 1 / Math.Sqrt(lambda);
        var w = torch.zeros(d, dtype: float64);
        for (int t = 1; t <= idx.Length; t++)
        {
            using var scope = torch.NewDisposeScope();
            long i = idx[t - 1];
            double eta = 1 / (lambda * t);
            var xi = x[i];
            double dot = 0;
            for (long j = 0; j < d; j++)
            {
                dot += w[j].item<double>() * x[i, j].item<double>();
            }
            double margin = ys[i] * dot;
            w.mul_(1 - eta * lambda);
            if (margin < 1)
            {
                w.add_(xi, alpha: eta * ys[i]);
            }
            if (project)
            {
                double norm = w.norm().item<double>();
                if (norm > radius)
                {
                    w.mul_(radius / norm);
                }
            }
        }
        return w;
    }
}

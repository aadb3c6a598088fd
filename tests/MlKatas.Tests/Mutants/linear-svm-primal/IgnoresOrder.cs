// Expect: WrongAnswer
// Mistake: Cycles through the samples 0, 1, …, n − 1 instead of following the given order.
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
            long i = (t - 1) % x.shape[0];
            double eta = 1 / (lambda * t);
            var xi = x[i];
            double margin = ys[i] * w.dot(xi).item<double>();
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

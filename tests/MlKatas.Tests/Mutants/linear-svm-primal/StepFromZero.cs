// Expect: NonFinite
// Mistake: Counts steps from t = 0 (a C-style loop index): η₀ = 1/(λ·0) = ∞, and (1 − ∞)·0 = NaN on the very first step.
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
        for (int t = 0; t < idx.Length; t++)
        {
            using var scope = torch.NewDisposeScope();
            long i = idx[t];
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

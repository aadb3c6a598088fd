// Expect: TooSlow
// Mistake: Sorts once, then walks the sorted scores one element at a time in a C# loop (two tensor reads per element)
// to group ties and accumulate counts — a Python-style loop where cumsum and unique exist.
namespace MlKatas.Katas;

public static class RocAuc
{
    public static double Score(Tensor yTrue, Tensor scores)
    {
        var (fpr, tpr, _) = Curve(yTrue, scores);
        long p = yTrue.sum().item<long>(), n = yTrue.shape[0];
        if (p == 0 || p == n)
        {
            return 0.5;
        }
        double[] f = fpr.data<double>().ToArray(), t = tpr.data<double>().ToArray();
        double area = 0;
        for (int i = 1; i < f.Length; i++)
        {
            area += (f[i] - f[i - 1]) * (t[i] + t[i - 1]) / 2;
        }
        return area;
    }

    public static (Tensor Fpr, Tensor Tpr, Tensor Thresholds) Curve(Tensor yTrue, Tensor scores)
    {
        using var scope = torch.NewDisposeScope();
        long n = scores.shape[0];
        var (sorted, order) = scores.sort(descending: true);
        var y = yTrue.index_select(0, order);
        var tps = new List<double> { 0 };
        var fps = new List<double> { 0 };
        var thresholds = new List<double> { sorted[0].item<double>() + 1 };
        double tp = 0, fp = 0;
        for (long i = 0; i < n; i++)
        {
            double s = sorted[i].item<double>();
            if (y[i].item<long>() == 1) { tp++; } else { fp++; }
            if (i == n - 1 || sorted[i + 1].item<double>() != s)
            {
                tps.Add(tp);
                fps.Add(fp);
                thresholds.Add(s);
            }
        }
        var tpr = torch.tensor(tps.Select(v => tp > 0 ? v / tp : 0).ToArray(), dtype: float64);
        var fpr = torch.tensor(fps.Select(v => fp > 0 ? v / fp : 0).ToArray(), dtype: float64);
        return (fpr.MoveToOuterDisposeScope(), tpr.MoveToOuterDisposeScope(), torch.tensor(thresholds.ToArray(), dtype: float64).MoveToOuterDisposeScope());
    }
}

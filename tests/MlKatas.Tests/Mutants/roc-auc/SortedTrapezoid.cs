// Expect: Passed
// Mistake: None: the control. scikit-learn's algorithm: sort descending, keep the last index of each run of equal scores,
// cumulative true positives there, and the AUC as the trapezoid area under that curve.
namespace MlKatas.Katas;

public static class RocAuc
{
    public static double Score(Tensor yTrue, Tensor scores)
    {
        using var scope = torch.NewDisposeScope();
        long n = yTrue.shape[0], p = yTrue.sum().item<long>();
        if (p == 0 || p == n)
        {
            return 0.5;
        }
        var (fpr, tpr, _) = Curve(yTrue, scores);
        var width = fpr[1..] - fpr[..^1];
        var height = (tpr[1..] + tpr[..^1]) / 2;
        return (width * height).sum().item<double>();
    }

    public static (Tensor Fpr, Tensor Tpr, Tensor Thresholds) Curve(Tensor yTrue, Tensor scores)
    {
        using var scope = torch.NewDisposeScope();
        long n = scores.shape[0];
        var (sorted, order) = scores.sort(descending: true);
        var y = yTrue.index_select(0, order).to(float64);
        var runEnds = (sorted[1..] != sorted[..^1]).nonzero().squeeze(1);            // last index of each run but the final one
        var ends = torch.cat(new[] { runEnds, torch.tensor(new long[] { n - 1 }) });
        var tps = y.cumsum(0).index_select(0, ends);
        var fps = (ends + 1).to(float64) - tps;
        double p = tps[^1].item<double>(), neg = fps[^1].item<double>();
        var zero = torch.zeros(1, dtype: float64);
        var tpr = torch.cat(new[] { zero, p > 0 ? tps / p : tps });
        var fpr = torch.cat(new[] { zero, neg > 0 ? fps / neg : fps });
        var thresholds = torch.cat(new[] { sorted[..1] + 1, sorted.index_select(0, ends) });
        return (fpr.MoveToOuterDisposeScope(), tpr.MoveToOuterDisposeScope(), thresholds.MoveToOuterDisposeScope());
    }
}

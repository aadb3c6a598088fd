// Expect: NonFinite
// Mistake: Starts the thresholds with +infinity (scikit-learn 1.3 and later) instead of max(scores) + 1 (scikit-learn 1.2,
// which the statement specifies). Everything else is right.
namespace MlKatas.Katas;

public static class RocAuc
{
    public static double Score(Tensor yTrue, Tensor scores)
    {
        using var scope = torch.NewDisposeScope();
        long n = yTrue.shape[0], p = yTrue.sum().item<long>();
        if (p == 0 || p == n) return 0.5;
        var (_, group, counts) = torch.unique(scores, sorted: true, return_inverse: true, return_counts: true);
        var size = counts.to(float64);
        var avgRank = size.cumsum(0) - (size - 1) / 2;
        double rankSum = avgRank.index_select(0, group).masked_select(yTrue == 1).sum().item<double>();
        return (rankSum - p * (p + 1) / 2.0) / ((double)p * (n - p));
    }

    public static (Tensor Fpr, Tensor Tpr, Tensor Thresholds) Curve(Tensor yTrue, Tensor scores)
    {
        using var scope = torch.NewDisposeScope();
        var (values, group, counts) = torch.unique(scores, sorted: true, return_inverse: true, return_counts: true);
        long m = values.shape[0];
        var pos = torch.bincount(group, weights: yTrue.to(float64), minlength: m);
        var neg = counts.to(float64) - pos;
        var zero = torch.zeros(1, dtype: float64);
        var tps = torch.cat(new[] { zero, pos.flip(0).cumsum(0) });
        var fps = torch.cat(new[] { zero, neg.flip(0).cumsum(0) });
        double p = tps[m].item<double>(), n = fps[m].item<double>();
        var thresholds = torch.cat(new[] { torch.full(1, double.PositiveInfinity, dtype: float64), values.flip(0) });
        return ((fps / Math.Max(n, 1)).MoveToOuterDisposeScope(), (tps / Math.Max(p, 1)).MoveToOuterDisposeScope(), thresholds.MoveToOuterDisposeScope());
    }
}

// Expect: NonFinite
// Mistake: No rule for one-class input: the AUC divides by P·N = 0 and the rates by P = 0 or N = 0, giving NaN
// (scikit-learn raises or warns there; the statement defines 0.5 and 0).
namespace MlKatas.Katas;

public static class RocAuc
{
    public static double Score(Tensor yTrue, Tensor scores)
    {
        using var scope = torch.NewDisposeScope();
        long n = yTrue.shape[0], p = yTrue.sum().item<long>();
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
        var thresholds = torch.cat(new[] { values[^1..] + 1, values.flip(0) });
        return ((fps / fps[^1]).MoveToOuterDisposeScope(), (tps / tps[^1]).MoveToOuterDisposeScope(), thresholds.MoveToOuterDisposeScope());
    }
}

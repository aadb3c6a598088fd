// Expect: WrongAnswer
// Mistake: Ranks the scores with argsort(argsort(scores)) + 1, so tied scores get distinct ranks in whatever order the
// sort leaves them instead of their average rank. The curve is right.
namespace MlKatas.Katas;

public static class RocAuc
{
    public static double Score(Tensor yTrue, Tensor scores)
    {
        using var scope = torch.NewDisposeScope();
        long n = yTrue.shape[0], p = yTrue.sum().item<long>();
        if (p == 0 || p == n) return 0.5;
        var ranks = scores.argsort().argsort().to(float64) + 1;
        double rankSum = ranks.masked_select(yTrue == 1).sum().item<double>();
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
        var thresholds = torch.cat(new[] { values[^1..] + 1, values.flip(0) });
        return ((fps / Math.Max(n, 1)).MoveToOuterDisposeScope(), (tps / Math.Max(p, 1)).MoveToOuterDisposeScope(), thresholds.MoveToOuterDisposeScope());
    }
}

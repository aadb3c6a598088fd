// Expect: WrongShape
// Mistake: Emits one curve point per sample (sorted by score) instead of one per distinct score, so tied scores
// produce several points with the same threshold. The AUC is right.
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
        var (sorted, order) = scores.sort(descending: true);
        var y = yTrue.index_select(0, order).to(float64);
        var zero = torch.zeros(1, dtype: float64);
        var tps = torch.cat(new[] { zero, y.cumsum(0) });
        var fps = torch.cat(new[] { zero, (1 - y).cumsum(0) });
        double p = tps[^1].item<double>(), n = fps[^1].item<double>();
        var thresholds = torch.cat(new[] { sorted[..1] + 1, sorted });
        return ((fps / Math.Max(n, 1)).MoveToOuterDisposeScope(), (tps / Math.Max(p, 1)).MoveToOuterDisposeScope(), thresholds.MoveToOuterDisposeScope());
    }
}

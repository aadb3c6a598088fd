namespace MlKatas.Katas;

/// <summary>Reference for the roc-auc kata: AUC from average ranks (Mann–Whitney), the curve from per-score counts.</summary>
public static class RocAuc
{
    /// <summary>
    /// AUC = (R₊ − P(P+1)/2) / (P·N), where R₊ is the sum of the positives' ranks among all scores (1-based, ascending),
    /// tied scores sharing the average of their ranks — which is exactly "a tied pair counts ½". 0.5 with one class.
    /// </summary>
    /// <param name="yTrue">Labels [n], int64, 0 or 1.</param>
    /// <param name="scores">Scores [n], float64.</param>
    /// <returns>The AUC.</returns>
    public static double Score(Tensor yTrue, Tensor scores)
    {
        using var scope = torch.NewDisposeScope();
        long n = yTrue.shape[0];
        long positives = yTrue.sum().item<long>();
        long negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;   // no positive/negative pair to order
        }
        var (_, group, counts) = torch.unique(scores, sorted: true, return_inverse: true, return_counts: true);
        var size = counts.to(float64);
        var averageRank = size.cumsum(0).sub_(size.sub(1).mul_(0.5));                                       // [m], ascending groups
        var positivesPerGroup = torch.bincount(group, weights: yTrue.to(float64), minlength: counts.shape[0]);
        // Ranks are integers or halves ≤ n, and their sum is exact in float64 up to n ≈ 10⁸.
        double rankSum = averageRank.dot(positivesPerGroup).item<double>();
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>
    /// One point per distinct score, highest first, after the (0, 0) point at max + 1: cumulative positive and negative
    /// counts over the score groups in descending order, divided by P and N (0 where P or N is 0).
    /// </summary>
    /// <param name="yTrue">Labels [n], int64, 0 or 1.</param>
    /// <param name="scores">Scores [n], float64.</param>
    /// <returns>fpr, tpr, thresholds, each [m + 1] float64.</returns>
    public static (Tensor Fpr, Tensor Tpr, Tensor Thresholds) Curve(Tensor yTrue, Tensor scores)
    {
        using var scope = torch.NewDisposeScope();
        var (values, group, counts) = torch.unique(scores, sorted: true, return_inverse: true, return_counts: true);   // ascending
        long m = values.shape[0];
        var positivesPerGroup = torch.bincount(group, weights: yTrue.to(float64), minlength: m);
        var negativesPerGroup = counts.to(float64).sub_(positivesPerGroup);
        var zero = torch.zeros(1, dtype: float64);
        var tps = torch.cat([zero, positivesPerGroup.flip(0).cumsum(0)]);   // [m + 1]: scores ≥ each threshold
        var fps = torch.cat([zero, negativesPerGroup.flip(0).cumsum(0)]);
        double positives = tps[m].item<double>(), negatives = fps[m].item<double>();
        var tpr = tps.div_(Math.Max(positives, 1));   // 0/1 = 0 when there is no positive
        var fpr = fps.div_(Math.Max(negatives, 1));
        var thresholds = torch.cat([values[^1..].add(1), values.flip(0)]);
        return (fpr.MoveToOuterDisposeScope(), tpr.MoveToOuterDisposeScope(), thresholds.MoveToOuterDisposeScope());
    }
}

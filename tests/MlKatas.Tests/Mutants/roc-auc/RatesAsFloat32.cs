// Expect: WrongDtype
// Mistake: Divides int64 cumulative counts by an int64 count tensor: in TorchSharp (as in PyTorch) int64 / int64 is
// true division into float32, so fpr and tpr come back float32 instead of float64.
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
        var pos = torch.bincount(group.masked_select(yTrue == 1), minlength: m);   // int64 counts
        var neg = counts - pos;
        var zero = torch.zeros(1, dtype: int64);
        var tps = torch.cat(new[] { zero, pos.flip(0).cumsum(0) });
        var fps = torch.cat(new[] { zero, neg.flip(0).cumsum(0) });
        var thresholds = torch.cat(new[] { values[^1..] + 1, values.flip(0) });
        return ((fps / fps[^1].clamp_min(1)).MoveToOuterDisposeScope(), (tps / tps[^1].clamp_min(1)).MoveToOuterDisposeScope(), thresholds.MoveToOuterDisposeScope());
    }
}

// Expect: WrongComplexity
// Mistake: Computes the full T×T score matrix and masks it with the fixed pattern: right values, but O(T²·D) time and O(T²) memory instead of O(T^1.5·D).
namespace MlKatas.Katas;

public static class BlockSparseAttention
{
    public static Tensor Fixed(Tensor q, Tensor k, Tensor v, long block, long summary)
    {
        using var scope = torch.NewDisposeScope();
        long t = q.shape[2], d = q.shape[3];
        var scores = q.matmul(k.transpose(-1, -2)) / Math.Sqrt(d);   // [B,H,T,T]
        var i = torch.arange(t).view(t, 1);
        var j = torch.arange(t).view(1, t);
        var sameBlock = j.div(block, rounding_mode: RoundingMode.floor) == i.div(block, rounding_mode: RoundingMode.floor);
        var isSummary = j.remainder(block) >= block - summary;
        var allowed = (j <= i) & (sameBlock | isSummary);
        scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);
        return torch.softmax(scores, -1).matmul(v).MoveToOuterDisposeScope();
    }
}

// Expect: WrongComplexity
// Mistake: Computes the full T×T score matrix and masks it: right values, but O(T²) time and memory instead of O(T·window).
namespace MlKatas.Katas;

public static class SparseAttention
{
    public static Tensor SlidingWindow(Tensor q, Tensor k, Tensor v, long window)
    {
        using var scope = torch.NewDisposeScope();
        long t = q.shape[2], d = q.shape[3];
        var scores = q.matmul(k.transpose(-1, -2)) / Math.Sqrt(d);   // [B,H,T,T]
        var tPos = torch.arange(t).view(t, 1);
        var sPos = torch.arange(t).view(1, t);
        var allowed = (sPos <= tPos) & (sPos > tPos - window);
        scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);
        return torch.softmax(scores, -1).matmul(v).MoveToOuterDisposeScope();
    }
}

// Expect: Passed
// Mistake: None: a C# loop over blocks of `window` queries, each attending to its slice of keys; right complexity and few tensor calls, a speed-budget control.
namespace MlKatas.Katas;

public static class SparseAttention
{
    public static Tensor SlidingWindow(Tensor q, Tensor k, Tensor v, long window)
    {
        using var scope = torch.NewDisposeScope();
        long t = q.shape[2], d = q.shape[3];
        long w = Math.Min(window, t);
        var output = torch.empty_like(q);
        for (long start = 0; start < t; start += w)
        {
            using var block = torch.NewDisposeScope();
            long count = Math.Min(w, t - start);
            long keyStart = Math.Max(0, start - window + 1);
            long keyCount = start + count - keyStart;
            var queries = q.narrow(2, start, count);                     // [B,H,count,D]
            var keys = k.narrow(2, keyStart, keyCount);                  // [B,H,keyCount,D]
            var values = v.narrow(2, keyStart, keyCount);
            var scores = queries.matmul(keys.transpose(-1, -2)) / Math.Sqrt(d);
            var tPos = torch.arange(start, start + count).view(count, 1);
            var sPos = torch.arange(keyStart, keyStart + keyCount).view(1, keyCount);
            var allowed = (sPos <= tPos) & (sPos > tPos - window);
            scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);
            output.narrow(2, start, count).copy_(torch.softmax(scores, -1).matmul(values));
        }

        return output.MoveToOuterDisposeScope();
    }
}

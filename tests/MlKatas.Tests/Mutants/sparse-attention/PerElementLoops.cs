// Expect: TooSlow
// Mistake: Loops over the query positions in C#, slicing each query's window and doing a tiny softmax per position: right complexity, but thousands of small tensor calls where a few batched ones would do.
namespace MlKatas.Katas;

public static class SparseAttention
{
    public static Tensor SlidingWindow(Tensor q, Tensor k, Tensor v, long window)
    {
        using var scope = torch.NewDisposeScope();
        long t = q.shape[2], d = q.shape[3];
        var output = torch.empty_like(q);
        for (long i = 0; i < t; i++)
        {
            using var step = torch.NewDisposeScope();
            long start = Math.Max(0, i - window + 1);
            var query = q.narrow(2, i, 1);                          // [B,H,1,D]
            var keys = k.narrow(2, start, i - start + 1);           // [B,H,L,D], L ≤ window
            var values = v.narrow(2, start, i - start + 1);
            var p = torch.softmax(query.matmul(keys.transpose(-1, -2)) / Math.Sqrt(d), -1);
            output.narrow(2, i, 1).copy_(p.matmul(values));
        }

        return output.MoveToOuterDisposeScope();
    }
}

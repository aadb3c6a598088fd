// Expect: TooSlow
// Mistake: Loops over batch, head and query position in C#, slicing each query's window and doing a tiny softmax per position: right complexity, but B·H·T small tensor calls where a few batched ones would do.
namespace MlKatas.Katas;

public static class SparseAttention
{
    public static Tensor SlidingWindow(Tensor q, Tensor k, Tensor v, long window)
    {
        using var scope = torch.NewDisposeScope();
        long batch = q.shape[0], heads = q.shape[1], t = q.shape[2], d = q.shape[3];
        var output = torch.empty_like(q);
        for (long b = 0; b < batch; b++)
        {
            for (long h = 0; h < heads; h++)
            {
                for (long i = 0; i < t; i++)
                {
                    using var step = torch.NewDisposeScope();
                    long start = Math.Max(0, i - window + 1);
                    var query = q[b, h, i];                                  // [D]
                    var keys = k[b, h].narrow(0, start, i - start + 1);      // [L,D], L ≤ window
                    var values = v[b, h].narrow(0, start, i - start + 1);
                    var p = torch.softmax(keys.matmul(query) / Math.Sqrt(d), 0);
                    output[b, h, i].copy_(p.matmul(values));
                }
            }
        }

        return output.MoveToOuterDisposeScope();
    }
}

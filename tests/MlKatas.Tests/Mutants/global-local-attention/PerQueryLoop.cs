// Expect: TooSlow
// Mistake: Loops over the T query positions in C#, gathering each query's key list (its window plus the globals, or every key for a global query) by index and doing a small softmax per position: right complexity, but T rounds of small tensor calls where a few batched ones would do.
namespace MlKatas.Katas;

public static class GlobalLocalAttention
{
    public static Tensor Attend(Tensor q, Tensor k, Tensor v, long window, Tensor globals)
    {
        using var scope = torch.NewDisposeScope();
        long t = q.shape[2], d = q.shape[3];
        var isGlobal = new HashSet<long>(globals.data<long>().ToArray());
        var output = torch.empty_like(q);
        for (long i = 0; i < t; i++)
        {
            using var step = torch.NewDisposeScope();
            var keys = new SortedSet<long>(isGlobal);
            long from = isGlobal.Contains(i) ? 0 : Math.Max(0, i - window);
            long to = isGlobal.Contains(i) ? t - 1 : Math.Min(t - 1, i + window);
            for (long j = from; j <= to; j++)
            {
                keys.Add(j);   // a set: a global key inside the window counts once
            }
            var index = torch.tensor(keys.ToArray());
            var kk = k.index_select(2, index);                                  // [B,H,n,D]
            var vv = v.index_select(2, index);
            var query = q.narrow(2, i, 1);                                      // [B,H,1,D]
            var p = torch.softmax(query.matmul(kk.transpose(-1, -2)) / Math.Sqrt(d), -1);
            output.narrow(2, i, 1).copy_(p.matmul(vv));
        }
        return output.MoveToOuterDisposeScope();
    }
}

// Expect: TooSlow
// Mistake: Loops over the T query positions in C#, gathering each query's own-block keys and earlier summary keys by index and doing a small softmax per position: right complexity, but T rounds of small tensor calls where a few batched ones would do.
namespace MlKatas.Katas;

public static class BlockSparseAttention
{
    public static Tensor Fixed(Tensor q, Tensor k, Tensor v, long block, long summary)
    {
        using var scope = torch.NewDisposeScope();
        long t = q.shape[2], d = q.shape[3];
        var output = torch.empty_like(q);
        for (long i = 0; i < t; i++)
        {
            using var step = torch.NewDisposeScope();
            long start = i / block * block;
            var keys = new List<long>();
            for (long j = 0; j < start; j++)
            {
                if (j % block >= block - summary)
                {
                    keys.Add(j);   // summary position of an earlier block
                }
            }
            for (long j = start; j <= i; j++)
            {
                keys.Add(j);       // own block, causal
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

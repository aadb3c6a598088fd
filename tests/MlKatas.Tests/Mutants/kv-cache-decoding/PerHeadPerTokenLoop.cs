// Expect: TooSlow
// Mistake: Loops over heads and new tokens in C#, one query vector against its visible keys at a time: H·n small tensor
// calls per step where two batched matmuls would do.
namespace MlKatas.Katas;

public static class KvCacheDecoding
{
    public static (Tensor Output, Tensor KCache, Tensor VCache) Step(Tensor kCache, Tensor vCache, Tensor q, Tensor k, Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        long cached = kCache.shape[2], h = q.shape[1], n = q.shape[2], d = q.shape[3];
        var keys = torch.cat(new[] { kCache, k }, 2);
        var values = torch.cat(new[] { vCache, v }, 2);
        var output = torch.empty_like(q);
        for (long head = 0; head < h; head++)
        {
            for (long i = 0; i < n; i++)
            {
                using var step = torch.NewDisposeScope();
                long visible = cached + i + 1;
                var qi = q.select(1, head).narrow(1, i, 1);                                           // [B, 1, D]
                var kh = keys.select(1, head).narrow(1, 0, visible);                                  // [B, visible, D]
                var weights = (qi.matmul(kh.transpose(-2, -1)) / Math.Sqrt(d)).softmax(-1);          // [B, 1, visible]
                output.select(1, head).narrow(1, i, 1).copy_(weights.matmul(values.select(1, head).narrow(1, 0, visible)));
            }
        }
        return (output.MoveToOuterDisposeScope(), keys.MoveToOuterDisposeScope(), values.MoveToOuterDisposeScope());
    }
}

// Expect: TooSlow
// Mistake: Loops over heads and query positions in C#, one query vector against its kv head at a time: H·T small
// tensor calls where two batched matmuls would do.
namespace MlKatas.Katas;

public static class GroupedQueryAttention
{
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, bool causal)
    {
        using var scope = torch.NewDisposeScope();
        long h = q.shape[1], g = k.shape[1], t = q.shape[2], s = k.shape[2], d = q.shape[3];
        var output = torch.empty_like(q);
        for (long head = 0; head < h; head++)
        {
            var kh = k.select(1, head / (h / g));
            var vh = v.select(1, head / (h / g));
            for (long i = 0; i < t; i++)
            {
                using var step = torch.NewDisposeScope();
                long visible = causal ? i + s - t + 1 : s;
                var qi = q.select(1, head).narrow(1, i, 1);                                    // [B, 1, D]
                var scores = qi.matmul(kh.narrow(1, 0, visible).transpose(-2, -1)) / Math.Sqrt(d);  // [B, 1, visible]
                output.select(1, head).narrow(1, i, 1).copy_(scores.softmax(-1).matmul(vh.narrow(1, 0, visible)));
            }
        }
        return output.MoveToOuterDisposeScope();
    }
}

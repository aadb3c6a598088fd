// Expect: TooSlow
// Mistake: Loops over batch, head and query in C#, gathering each query's allowed keys and doing a tiny softmax per
// row: right answers, but B·H·Tq small tensor calls where a few batched ones would do.
namespace MlKatas.Katas;

public static class ScaledDotProductAttention
{
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, Tensor keyPaddingMask, bool causal)
    {
        using var scope = torch.NewDisposeScope();
        long batch = q.shape[0], heads = q.shape[1], tq = q.shape[2], tk = k.shape[2];
        var output = torch.zeros(batch, heads, tq, v.shape[3], dtype: q.dtype);
        double scale = 1.0 / Math.Sqrt(q.shape[3]);
        for (long b = 0; b < batch; b++)
        {
            var real = keyPaddingMask[b].logical_not();
            for (long h = 0; h < heads; h++)
            {
                for (long i = 0; i < tq; i++)
                {
                    using var step = torch.NewDisposeScope();
                    var allowed = causal ? real.logical_and(torch.arange(tk) <= i) : real;
                    if (!allowed.any().item<bool>())
                    {
                        continue; // no key: the output row stays 0
                    }
                    var keys = k[b, h][allowed];                            // [L,D]
                    var values = v[b, h][allowed];                          // [L,Dv]
                    var p = torch.softmax(keys.matmul(q[b, h, i]) * scale, 0);
                    output[b, h, i].copy_(p.matmul(values));
                }
            }
        }
        return output.MoveToOuterDisposeScope();
    }
}

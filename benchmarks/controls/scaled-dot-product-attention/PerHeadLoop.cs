// Expect: Passed
// Mistake: None: a C# loop over the B·H (batch, head) pairs with 2-D matmuls and an explicit "has any key" row
// check; a speed-budget control.
namespace MlKatas.Katas;

public static class ScaledDotProductAttention
{
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, Tensor keyPaddingMask, bool causal)
    {
        using var scope = torch.NewDisposeScope();
        long batch = q.shape[0], heads = q.shape[1], tq = q.shape[2], tk = k.shape[2];
        var output = torch.zeros(batch, heads, tq, v.shape[3], dtype: q.dtype);
        var future = causal ? torch.arange(tk).unsqueeze(0) > torch.arange(tq).unsqueeze(1) : torch.zeros(tq, tk, dtype: ScalarType.Bool);
        for (long b = 0; b < batch; b++)
        {
            var blocked = future.logical_or(keyPaddingMask[b].unsqueeze(0));          // [Tq,Tk]
            var anyKey = blocked.logical_not().any(-1, keepdim: true);               // [Tq,1]
            for (long h = 0; h < heads; h++)
            {
                using var step = torch.NewDisposeScope();
                var scores = q[b, h].matmul(k[b, h].T) / Math.Sqrt(q.shape[3]);
                scores = scores.masked_fill(blocked, double.NegativeInfinity);
                var p = torch.where(anyKey, torch.softmax(scores, 1), torch.zeros_like(scores));
                output[b, h].copy_(p.matmul(v[b, h]));
            }
        }
        return output.MoveToOuterDisposeScope();
    }
}

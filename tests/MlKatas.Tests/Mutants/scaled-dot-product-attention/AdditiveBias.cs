// Expect: Passed
// Mistake: None: builds an additive bias (0 or −inf), subtracts the row max by hand with exp, and divides by a
// clamped row sum so that empty rows come out 0; a speed-budget control.
namespace MlKatas.Katas;

public static class ScaledDotProductAttention
{
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, Tensor keyPaddingMask, bool causal)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], tq = q.shape[2], tk = k.shape[2];
        var blocked = keyPaddingMask.view(b, 1, 1, tk).expand(b, 1, tq, tk);
        if (causal)
        {
            blocked = blocked.logical_or(torch.arange(tk).view(1, tk) > torch.arange(tq).view(tq, 1));
        }
        var bias = torch.zeros(blocked.shape, dtype: q.dtype).masked_fill(blocked, double.NegativeInfinity);
        var scores = torch.einsum("bhid,bhjd->bhij", q, k) / Math.Sqrt(q.shape[3]) + bias;
        var rowMax = scores.amax(new long[] { -1 }, keepdim: true);
        rowMax = torch.where(rowMax.isinf(), torch.zeros_like(rowMax), rowMax);  // all −inf row: exp(−inf) = 0
        var e = (scores - rowMax).exp();
        var p = e / e.sum(-1, keepdim: true).clamp_min(1e-30);
        return torch.einsum("bhij,bhjd->bhid", p, v).MoveToOuterDisposeScope();
    }
}

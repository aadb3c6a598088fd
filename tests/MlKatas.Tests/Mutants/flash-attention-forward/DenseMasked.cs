// Expect: WrongComplexity
// Mistake: Materialises the full T×T score matrix, masks it and takes softmax and logsumexp over whole rows: exact values, but O(T²) memory — the thing FlashAttention exists to avoid.
namespace MlKatas.Katas;

public sealed record FlashAttentionResult(Tensor Output, Tensor LogSumExp);

public static class FlashAttention
{
    public static FlashAttentionResult Forward(Tensor q, Tensor k, Tensor v, bool causal, long blockQ, long blockK)
    {
        long t = q.shape[2], d = q.shape[3];
        var s = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(d);                          // [B,H,T,T]
        if (causal)
        {
            s = s.masked_fill(torch.ones(t, t, dtype: ScalarType.Bool).triu(1), double.NegativeInfinity);
        }
        return new FlashAttentionResult(torch.softmax(s, -1).matmul(v), s.logsumexp(-1));
    }
}

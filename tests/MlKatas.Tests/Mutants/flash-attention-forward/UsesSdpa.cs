// Expect: ForbiddenApi
// Mistake: Calls the built-in scaled_dot_product_attention for the output instead of writing the tiled recurrence.
namespace MlKatas.Katas;

public sealed record FlashAttentionResult(Tensor Output, Tensor LogSumExp);

public static class FlashAttention
{
    public static FlashAttentionResult Forward(Tensor q, Tensor k, Tensor v, bool causal, long blockQ, long blockK)
    {
        var o = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_casual: causal);
        var s = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(q.shape[3]);
        return new FlashAttentionResult(o, s.logsumexp(-1));
    }
}

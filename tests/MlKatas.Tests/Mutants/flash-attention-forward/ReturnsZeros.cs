// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtype.
namespace MlKatas.Katas;

public sealed record FlashAttentionResult(Tensor Output, Tensor LogSumExp);

public static class FlashAttention
{
    public static FlashAttentionResult Forward(Tensor q, Tensor k, Tensor v, bool causal, long blockQ, long blockK)
    {
        return new FlashAttentionResult(torch.zeros_like(q), torch.zeros(q.shape[0], q.shape[1], q.shape[2], dtype: q.dtype));
    }
}

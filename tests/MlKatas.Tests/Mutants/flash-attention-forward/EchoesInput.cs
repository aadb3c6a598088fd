// Expect: WrongAnswer
// Mistake: Returns v as the output and the first feature of q as the logsumexp.
namespace MlKatas.Katas;

public sealed record FlashAttentionResult(Tensor Output, Tensor LogSumExp);

public static class FlashAttention
{
    public static FlashAttentionResult Forward(Tensor q, Tensor k, Tensor v, bool causal, long blockQ, long blockK)
    {
        return new FlashAttentionResult(v.clone(), q.select(3, 0).clone());
    }
}

// Expect: ForbiddenApi
// Mistake: Calls TorchSharp's fused scaled_dot_product_attention on repeated K and V instead of writing the attention.
namespace MlKatas.Katas;

public static class GroupedQueryAttention
{
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, bool causal)
    {
        using var scope = torch.NewDisposeScope();
        long r = q.shape[1] / k.shape[1];
        return nn.functional.scaled_dot_product_attention(q, k.repeat_interleave(r, dim: 1), v.repeat_interleave(r, dim: 1),
            attn_mask: null, p: 0.0, is_casual: causal).MoveToOuterDisposeScope();
    }
}

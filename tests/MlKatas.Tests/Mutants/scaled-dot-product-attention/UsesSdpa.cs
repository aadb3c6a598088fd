// Expect: ForbiddenApi
// Mistake: Calls the built-in scaled_dot_product_attention with a combined mask instead of implementing the attention.
namespace MlKatas.Katas;

public static class ScaledDotProductAttention
{
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, Tensor keyPaddingMask, bool causal)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], tq = q.shape[2], tk = k.shape[2];
        var masked = keyPaddingMask.view(b, 1, 1, tk);
        if (causal)
        {
            masked = masked.logical_or(torch.ones(tq, tk, dtype: ScalarType.Bool).triu(1));
        }
        var bias = torch.zeros(masked.shape, dtype: q.dtype).masked_fill(masked, double.NegativeInfinity);
        var output = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask: bias);
        return output.nan_to_num(0.0).MoveToOuterDisposeScope();
    }
}

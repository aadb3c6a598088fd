// Expect: ForbiddenApi
// Mistake: Calls the built-in scaled_dot_product_attention with a sliding-window mask instead of implementing the attention.
namespace MlKatas.Katas;

public static class SparseAttention
{
    public static Tensor SlidingWindow(Tensor q, Tensor k, Tensor v, long window)
    {
        using var scope = torch.NewDisposeScope();
        long t = q.shape[2];
        var tPos = torch.arange(t).view(t, 1);
        var sPos = torch.arange(t).view(1, t);
        var allowed = (sPos <= tPos) & (sPos > tPos - window);
        var mask = torch.zeros(t, t, dtype: q.dtype).masked_fill(allowed.logical_not(), double.NegativeInfinity);
        return nn.functional.scaled_dot_product_attention(q, k, v, attn_mask: mask).MoveToOuterDisposeScope();
    }
}

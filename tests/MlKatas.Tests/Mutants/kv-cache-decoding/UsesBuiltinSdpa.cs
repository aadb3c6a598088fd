// Expect: ForbiddenApi
// Mistake: Calls TorchSharp's fused scaled_dot_product_attention instead of writing the attention.
namespace MlKatas.Katas;

public static class KvCacheDecoding
{
    public static (Tensor Output, Tensor KCache, Tensor VCache) Step(Tensor kCache, Tensor vCache, Tensor q, Tensor k, Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        var keys = torch.cat(new[] { kCache, k }, 2);
        var values = torch.cat(new[] { vCache, v }, 2);
        long cached = kCache.shape[2], n = q.shape[2];
        var allowed = torch.ones(n, cached + n, dtype: ScalarType.Bool).tril(cached);
        var output = nn.functional.scaled_dot_product_attention(q, keys, values, attn_mask: allowed, p: 0.0, is_casual: false);
        return (output.MoveToOuterDisposeScope(), keys.MoveToOuterDisposeScope(), values.MoveToOuterDisposeScope());
    }
}

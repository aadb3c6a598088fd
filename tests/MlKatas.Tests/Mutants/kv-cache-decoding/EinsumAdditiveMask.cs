// Expect: Passed
// Mistake: None: einsum for both products and an additive mask (0 or −inf, built with triu(L + 1)) applied on every
// step, decoding steps included; a speed-budget control.
namespace MlKatas.Katas;

public static class KvCacheDecoding
{
    public static (Tensor Output, Tensor KCache, Tensor VCache) Step(Tensor kCache, Tensor vCache, Tensor q, Tensor k, Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        long cached = kCache.shape[2], n = q.shape[2], d = q.shape[3];
        var keys = torch.cat(new[] { kCache, k }, 2);
        var values = torch.cat(new[] { vCache, v }, 2);
        var bias = torch.full(n, cached + n, double.NegativeInfinity, dtype: q.dtype).triu(cached + 1);
        var scores = torch.einsum("bhid,bhjd->bhij", q, keys) / Math.Sqrt(d) + bias;
        var output = torch.einsum("bhij,bhjd->bhid", scores.softmax(-1), values);
        return (output.MoveToOuterDisposeScope(), keys.MoveToOuterDisposeScope(), values.MoveToOuterDisposeScope());
    }
}

// Expect: WrongAnswer
// Mistake: Builds the causal mask of a step as tril(ones(n, L + n)) without the offset L: right for the first prefill
// (L = 0), but after it new token i is at position L + i, and this lets it see only keys 0 … i.
namespace MlKatas.Katas;

public static class KvCacheDecoding
{
    public static (Tensor Output, Tensor KCache, Tensor VCache) Step(Tensor kCache, Tensor vCache, Tensor q, Tensor k, Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        long cached = kCache.shape[2], n = q.shape[2], d = q.shape[3];
        var keys = torch.cat(new[] { kCache, k }, 2);
        var values = torch.cat(new[] { vCache, v }, 2);
        var scores = q.matmul(keys.transpose(-2, -1)) / Math.Sqrt(d);
        var allowed = torch.ones(n, cached + n, dtype: ScalarType.Bool).tril();
        var output = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity).softmax(-1).matmul(values);
        return (output.MoveToOuterDisposeScope(), keys.MoveToOuterDisposeScope(), values.MoveToOuterDisposeScope());
    }
}

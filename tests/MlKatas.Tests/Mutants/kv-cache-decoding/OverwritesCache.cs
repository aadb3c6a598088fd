// Expect: WrongShape
// Mistake: Replaces the cache with the new keys and values instead of appending them: each step attends only to its
// own chunk, and the cache never grows beyond n.
namespace MlKatas.Katas;

public static class KvCacheDecoding
{
    public static (Tensor Output, Tensor KCache, Tensor VCache) Step(Tensor kCache, Tensor vCache, Tensor q, Tensor k, Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        long n = q.shape[2], d = q.shape[3];
        var scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(d);
        var allowed = torch.ones(n, n, dtype: ScalarType.Bool).tril();
        var output = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity).softmax(-1).matmul(v);
        return (output.MoveToOuterDisposeScope(), k.clone().MoveToOuterDisposeScope(), v.clone().MoveToOuterDisposeScope());
    }
}

// Expect: WrongAnswer
// Mistake: Attends over the cache as it was and appends the new keys and values afterwards: a token never sees itself
// (nor earlier tokens of its own chunk), and the first step attends over nothing.
namespace MlKatas.Katas;

public static class KvCacheDecoding
{
    public static (Tensor Output, Tensor KCache, Tensor VCache) Step(Tensor kCache, Tensor vCache, Tensor q, Tensor k, Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        long d = q.shape[3];
        var scores = q.matmul(kCache.transpose(-2, -1)) / Math.Sqrt(d);     // [B, H, n, L]
        var output = scores.softmax(-1).matmul(vCache);                     // L = 0: an empty sum, zeros
        var keys = torch.cat(new[] { kCache, k }, 2);
        var values = torch.cat(new[] { vCache, v }, 2);
        return (output.MoveToOuterDisposeScope(), keys.MoveToOuterDisposeScope(), values.MoveToOuterDisposeScope());
    }
}

// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtype (the output, and caches of length L + n).
namespace MlKatas.Katas;

public static class KvCacheDecoding
{
    public static (Tensor Output, Tensor KCache, Tensor VCache) Step(Tensor kCache, Tensor vCache, Tensor q, Tensor k, Tensor v)
    {
        long cached = kCache.shape[2];
        var cacheShape = new[] { k.shape[0], k.shape[1], cached + k.shape[2], k.shape[3] };
        return (torch.zeros_like(q), torch.zeros(cacheShape, dtype: k.dtype), torch.zeros(cacheShape, dtype: v.dtype));
    }
}

// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shapes and dtype.
namespace MlKatas.Katas;

public static class KvCacheDecoding
{
    public static (Tensor Output, Tensor KCache, Tensor VCache) Step(Tensor kCache, Tensor vCache, Tensor q, Tensor k, Tensor v)
    {
        long cached = kCache.shape[2];
        var cacheShape = new[] { k.shape[0], k.shape[1], cached + k.shape[2], k.shape[3] };
        return (torch.randn_like(q), torch.randn(cacheShape, dtype: k.dtype), torch.randn(cacheShape, dtype: v.dtype));
    }
}

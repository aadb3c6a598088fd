// Expect: WrongShape
// Mistake: Echoes the inputs back: q as the output, and the new k and v as the "caches" (length n, not L + n).
namespace MlKatas.Katas;

public static class KvCacheDecoding
{
    public static (Tensor Output, Tensor KCache, Tensor VCache) Step(Tensor kCache, Tensor vCache, Tensor q, Tensor k, Tensor v)
    {
        return (q.clone(), k.clone(), v.clone());
    }
}

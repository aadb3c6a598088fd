namespace MlKatas.Katas;

/// <summary>
/// One step of incremental (KV-cached) causal attention: append the new tokens' keys and values to the cache, then let
/// the new queries attend over it.
/// </summary>
public static class KvCacheDecoding
{
    /// <summary>
    /// With L cached positions and n new tokens at positions L … L+n−1: the new caches are the old ones with the new keys
    /// and values appended along time; new token i attends (scaled by 1/√D, softmax over keys) to every cached key and to
    /// new keys 0 … i — key position s ≤ L + i.
    /// </summary>
    /// <param name="kCache">Cached keys, shape [B, H, L, D], L ≥ 0 (L = 0 before the first step), float32 or float64.</param>
    /// <param name="vCache">Cached values, shape [B, H, L, D], dtype of <paramref name="kCache"/>.</param>
    /// <param name="q">The new tokens' queries, shape [B, H, n, D], n ≥ 1 (n = P for a prefill, 1 for a decoding step).</param>
    /// <param name="k">The new tokens' keys, shape [B, H, n, D].</param>
    /// <param name="v">The new tokens' values, shape [B, H, n, D].</param>
    /// <returns>
    /// The attention output of the new tokens [B, H, n, D], and the updated caches [B, H, L + n, D]; all in the input dtype.
    /// </returns>
    public static (Tensor Output, Tensor KCache, Tensor VCache) Step(Tensor kCache, Tensor vCache, Tensor q, Tensor k, Tensor v)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

// Expect: WrongAnswer
// Mistake: Never masks, reasoning that a decoding step may see the whole cache: right for n = 1, but the tokens of a
// prefill (or of a chunk) then see the tokens after them.
namespace MlKatas.Katas;

public static class KvCacheDecoding
{
    public static (Tensor Output, Tensor KCache, Tensor VCache) Step(Tensor kCache, Tensor vCache, Tensor q, Tensor k, Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        long d = q.shape[3];
        var keys = torch.cat(new[] { kCache, k }, 2);
        var values = torch.cat(new[] { vCache, v }, 2);
        var output = (q.matmul(keys.transpose(-2, -1)) / Math.Sqrt(d)).softmax(-1).matmul(values);
        return (output.MoveToOuterDisposeScope(), keys.MoveToOuterDisposeScope(), values.MoveToOuterDisposeScope());
    }
}

// Expect: WrongAnswer
// Mistake: Expands K and V with repeat (tiling: query head h reads kv head h % G) instead of repeat_interleave (h / (H/G)):
// heads 0 and 1 read different kv heads instead of the same one.
namespace MlKatas.Katas;

public static class GroupedQueryAttention
{
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, bool causal)
    {
        using var scope = torch.NewDisposeScope();
        long h = q.shape[1], g = k.shape[1], t = q.shape[2], s = k.shape[2], d = q.shape[3];
        var kr = k.repeat(1, h / g, 1, 1);
        var vr = v.repeat(1, h / g, 1, 1);
        var scores = q.matmul(kr.transpose(-2, -1)) / Math.Sqrt(d);
        if (causal)
        {
            var allowed = torch.ones(t, s, dtype: ScalarType.Bool).tril(s - t);
            scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);
        }
        return scores.softmax(-1).matmul(vr).MoveToOuterDisposeScope();
    }
}

// Expect: Passed
// Mistake: None: Hugging Face Llama's way, repeat_kv (K and V repeated to H heads with repeat_interleave) and dense
// masked attention; it copies K and V H/G times, which the reference avoids; a speed-budget control.
namespace MlKatas.Katas;

public static class GroupedQueryAttention
{
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, bool causal)
    {
        using var scope = torch.NewDisposeScope();
        long h = q.shape[1], g = k.shape[1], t = q.shape[2], s = k.shape[2], d = q.shape[3];
        var kr = k.repeat_interleave(h / g, dim: 1);
        var vr = v.repeat_interleave(h / g, dim: 1);
        var scores = q.matmul(kr.transpose(-2, -1)) / Math.Sqrt(d);
        if (causal)
        {
            var allowed = torch.ones(t, s, dtype: ScalarType.Bool).tril(s - t);
            scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);
        }
        return scores.softmax(-1).matmul(vr).MoveToOuterDisposeScope();
    }
}

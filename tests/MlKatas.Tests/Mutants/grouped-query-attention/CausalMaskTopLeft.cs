// Expect: WrongAnswer
// Mistake: Builds the causal mask as s ≤ t (tril with no offset, PyTorch SDPA's is_causal alignment): right when S = T,
// but with a KV cache (S > T) the queries are the LAST T positions and must see keys up to t + S − T.
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
            var allowed = torch.ones(t, s, dtype: ScalarType.Bool).tril(0);
            scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);
        }
        return scores.softmax(-1).matmul(vr).MoveToOuterDisposeScope();
    }
}

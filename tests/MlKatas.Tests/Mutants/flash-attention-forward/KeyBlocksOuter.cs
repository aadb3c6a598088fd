// Expect: Passed
// Mistake: None: the control. FlashAttention-1's loop order — key/value tiles outside, every query at once inside — with the running max, running sum and rescaled accumulator held for all T queries: O(T·blockK) working memory, blockQ unused.
namespace MlKatas.Katas;

public sealed record FlashAttentionResult(Tensor Output, Tensor LogSumExp);

public static class FlashAttention
{
    public static FlashAttentionResult Forward(Tensor q, Tensor k, Tensor v, bool causal, long blockQ, long blockK)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], t = q.shape[2], d = q.shape[3];
        var qs = q / Math.Sqrt(d);
        var m = torch.full(new long[] { b, h, t, 1 }, double.NegativeInfinity, dtype: q.dtype);
        var l = torch.zeros(b, h, t, 1, dtype: q.dtype);
        var o = torch.zeros_like(q);
        var queryPos = torch.arange(t).unsqueeze(1);                                  // [T,1]
        for (long j0 = 0; j0 < t; j0 += blockK)
        {
            using var tile = torch.NewDisposeScope();
            long cols = Math.Min(blockK, t - j0);
            var s = qs.matmul(k.narrow(2, j0, cols).transpose(-2, -1));              // [B,H,T,Bc]
            if (causal)
            {
                s = s.masked_fill(torch.arange(j0, j0 + cols).unsqueeze(0).gt(queryPos), double.NegativeInfinity);
            }
            // Key 0 is in the first tile and every query sees it, so m is finite after it; a fully masked row in a later
            // tile has tile max −inf and keeps its m.
            var mNew = torch.maximum(m, s.amax(new long[] { -1 }, keepdim: true));
            var p = (s - mNew).exp();
            var alpha = (m - mNew).exp();
            l = (l * alpha + p.sum(dim: -1, keepdim: true)).MoveToOuterDisposeScope();
            o = (o * alpha + p.matmul(v.narrow(2, j0, cols))).MoveToOuterDisposeScope();
            m = mNew.MoveToOuterDisposeScope();
        }
        return new FlashAttentionResult((o / l).MoveToOuterDisposeScope(), (m + l.log()).squeeze(-1).MoveToOuterDisposeScope());
    }
}

// Expect: WrongAnswer
// Mistake: Forgets to divide the scores by √D.
namespace MlKatas.Katas;

public sealed record FlashAttentionResult(Tensor Output, Tensor LogSumExp);

public static class FlashAttention
{
    public static FlashAttentionResult Forward(Tensor q, Tensor k, Tensor v, bool causal, long blockQ, long blockK)
    {
        long b = q.shape[0], h = q.shape[1], t = q.shape[2], d = q.shape[3];
        double scale = 1.0;
        var outputs = new List<Tensor>();
        var lses = new List<Tensor>();
        for (long i0 = 0; i0 < t; i0 += blockQ)
        {
            long rows = Math.Min(blockQ, t - i0);
            var qi = q.narrow(2, i0, rows) * scale;
            var m = torch.full(new long[] { b, h, rows, 1 }, double.NegativeInfinity, dtype: q.dtype);
            var l = torch.zeros(b, h, rows, 1, dtype: q.dtype);
            var acc = torch.zeros(b, h, rows, d, dtype: q.dtype);
            long keyEnd = causal ? i0 + rows : t;
            for (long j0 = 0; j0 < keyEnd; j0 += blockK)
            {
                long cols = Math.Min(blockK, keyEnd - j0);
                var s = qi.matmul(k.narrow(2, j0, cols).transpose(-2, -1));
                if (causal && j0 + cols - 1 > i0)
                {
                    var future = (torch.arange(j0, j0 + cols).unsqueeze(0) - torch.arange(i0, i0 + rows).unsqueeze(1)).gt(0);
                    s = s.masked_fill(future, double.NegativeInfinity);
                }
                var mNew = torch.maximum(m, s.amax(new long[] { -1 }, keepdim: true));
                var p = (s - mNew).exp();
                var alpha = (m - mNew).exp();
                l = l * alpha + p.sum(dim: -1, keepdim: true);
                acc = acc * alpha + p.matmul(v.narrow(2, j0, cols));
                m = mNew;
            }
            outputs.Add(acc / l);
            lses.Add((m + l.log()).squeeze(-1));
        }
        return new FlashAttentionResult(torch.cat(outputs, 2), torch.cat(lses, 2));
    }
}

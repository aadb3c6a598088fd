// Expect: WrongAnswer
// Mistake: Softmaxes the band and the global columns separately and merges them through their logsumexps, weights exp(lse_part − lse_total), in float32: a logsumexp of scores near 1e4 is rounded to ~1e-3 absolute, so the merge weights are off by ~1e-3 relative (case 12-huge-scores-f32). Float64, or a shared row maximum as in FlashAttention, is exact enough.
namespace MlKatas.Katas;

public static class GlobalLocalAttention
{
    public static Tensor Attend(Tensor q, Tensor k, Tensor v, long window, Tensor globals)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], t = q.shape[2], d = q.shape[3];
        long g = globals.shape[0];
        long l = Math.Max(1, Math.Min(window, t));
        long nb = (t + l - 1) / l, pad = nb * l - t;
        var scaled = q / Math.Sqrt(d);

        // Blocks of l rows, with one block of zeros before and after: block n's keys are blocks n − 1, n, n + 1.
        Tensor Blocks(Tensor x, long before, long after) => nn.functional.pad(x, new long[] { 0, 0, before, after }).view(b, h, -1, l, d);
        var qb = Blocks(scaled, 0, pad);                                              // [B,H,nb,l,D]
        var kb = Blocks(k, l, pad + l);                                               // [B,H,nb+2,l,D]
        var vb = Blocks(v, l, pad + l);
        Tensor Neighbours(Tensor x) => torch.cat(new[] { x.narrow(2, 0, nb), x.narrow(2, 1, nb), x.narrow(2, 2, nb) }, -2);
        var keys = Neighbours(kb);                                                    // [B,H,nb,3l,D]
        var values = Neighbours(vb);

        // Positions: query (n, r) at n·l + r; key (n, c) at (n − 1)·l + c.
        var n = torch.arange(nb).view(nb, 1, 1);
        var queryPos = n * l + torch.arange(l).view(1, l, 1);                         // [nb,l,1]
        var keyPos = (n - 1) * l + torch.arange(3 * l).view(1, 1, 3 * l);             // [nb,1,3l]
        var isGlobal = torch.zeros(t + 2 * l + pad, dtype: ScalarType.Bool).index_fill(0, globals + l, true);
        var keyGlobal = isGlobal.index_select(0, (keyPos + l).flatten()).view(nb, 1, 3 * l);
        var allowed = (queryPos - keyPos).abs().le(window) & keyPos.ge(0) & keyPos.lt(t) & keyGlobal.logical_not();
        var band = qb.matmul(keys.transpose(-1, -2)).masked_fill(allowed.logical_not(), double.NegativeInfinity);

        Tensor output;
        if (g == 0)
        {
            output = torch.softmax(band, -1).matmul(values);
        }
        else
        {
            var columns = qb.matmul(k.index_select(2, globals).unsqueeze(2).transpose(-1, -2));     // [B,H,nb,l,G]
            var bandLse = band.logsumexp(-1, keepdim: true);          // −∞ for a query whose band holds only global keys
            var columnsLse = columns.logsumexp(-1, keepdim: true);
            var columnsOut = torch.softmax(columns, -1).matmul(v.index_select(2, globals).unsqueeze(2));
            var bandOut = torch.softmax(band, -1).matmul(values);    // NaN for such a query: replaced below
            var total = torch.logaddexp(bandLse, columnsLse);
            output = torch.where(bandLse.isneginf(), columnsOut, (bandLse - total).exp() * bandOut + (columnsLse - total).exp() * columnsOut);
        }
        output = output.reshape(b, h, nb * l, d).narrow(2, 0, t).contiguous();

        if (g > 0)
        {
            var rows = torch.softmax(scaled.index_select(2, globals).matmul(k.transpose(-1, -2)), -1).matmul(v);
            output.index_copy_(2, globals, rows);
        }
        return output.MoveToOuterDisposeScope();
    }
}

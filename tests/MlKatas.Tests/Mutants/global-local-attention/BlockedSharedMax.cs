// Expect: Passed
// Mistake: None: a different correct solution and the control that calibrates the speed budget — the band in blocks of w queries against the concatenated keys of the previous, own and next block, global keys masked out of the band; the band and the global columns exponentiated separately against one shared row maximum (no concatenation) and merged by adding their weighted sums and their normalisers; the global rows computed densely and written over theirs. O(T·(3w + 2G)·D).
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
            // One maximum per row over both parts (the global columns are never empty, so it is finite); subtracting it
            // from the scores themselves keeps float32 exact enough at scores of 1e4.
            var rowMax = torch.maximum(band.amax(new long[] { -1 }, keepdim: true), columns.amax(new long[] { -1 }, keepdim: true));
            var bandWeights = (band - rowMax).exp();
            var columnWeights = (columns - rowMax).exp();
            var normaliser = bandWeights.sum(-1, keepdim: true) + columnWeights.sum(-1, keepdim: true);
            output = (bandWeights.matmul(values) + columnWeights.matmul(v.index_select(2, globals).unsqueeze(2))) / normaliser;
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

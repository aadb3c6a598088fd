// Expect: WrongAnswer
// Mistake: Pads K and V with zero blocks so that every query block has a previous and a next block, but masks only |i − j| > w and the global keys, not the padding: near both ends of the sequence a query also attends to zero keys (score 0, value 0), which steals softmax weight.
namespace MlKatas.Katas;

public static class GlobalLocalAttention
{
    public static Tensor Attend(Tensor q, Tensor k, Tensor v, long window, Tensor globals)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], t = q.shape[2], d = q.shape[3];
        long g = globals.shape[0];
        long l = Math.Clamp(window, 1, t);   // block length; w ≥ T is one block of T
        long nb = (t + l - 1) / l;
        long tail = nb * l - t;
        long span = 3 * l;                    // keys of blocks n − 1, n, n + 1

        var scaled = q * (1.0 / Math.Sqrt(d));
        var queries = (tail == 0 ? scaled : nn.functional.pad(scaled, new long[] { 0, 0, 0, tail })).view(b, h, nb, l, d);
        // One block of padding in front and one (plus the tail) behind: block n's keys are padded rows [n·l, n·l + 3l).
        var keys = nn.functional.pad(k, new long[] { 0, 0, l, l + tail }).unfold(2, span, l);                      // [B,H,nb,D,3l]
        var values = nn.functional.pad(v, new long[] { 0, 0, l, l + tail }).unfold(2, span, l).transpose(-1, -2);  // [B,H,nb,3l,D]
        var band = queries.matmul(keys);                                                                           // [B,H,nb,l,3l]

        // Query r of block n is at i = n·l + r, key c of its span at j = (n − 1)·l + c: j − i = c − l − r.
        var offset = torch.arange(span).unsqueeze(0) - torch.arange(l).unsqueeze(1) - l;                           // [l,3l]
        var outsideBand = offset.abs().gt(window);
        // Per padded key position: padding (outside [0, T)) or a global key (scored in the global columns instead).
        var excluded = torch.zeros(t + 2 * l + tail, dtype: ScalarType.Bool);   // the zero padding is left visible
        if (g > 0)
        {
            excluded.index_fill_(0, globals + l, true);
        }
        var excludedKeys = excluded.unfold(0, span, l);                                                            // [nb,3l]
        band.masked_fill_(outsideBand.unsqueeze(0).logical_or(excludedKeys.unsqueeze(1)), double.NegativeInfinity);

        Tensor output;
        if (g == 0)
        {
            // softmax subtracts the row max (scores of 1e4 do not overflow); every real row keeps j = i.
            output = torch.softmax(band, -1).matmul(values);
        }
        else
        {
            var globalKeys = k.index_select(2, globals).unsqueeze(2);                                               // [B,H,1,G,D]
            var globalValues = v.index_select(2, globals).unsqueeze(2);
            var columns = queries.matmul(globalKeys.transpose(-1, -2));                                             // [B,H,nb,l,G]
            var weights = torch.softmax(torch.cat(new[] { band, columns }, -1), -1);
            output = weights.narrow(-1, 0, span).matmul(values).add_(weights.narrow(-1, span, g).matmul(globalValues));
        }
        output = output.view(b, h, nb * l, d).narrow(2, 0, t).contiguous();                                          // [B,H,T,D]

        if (g > 0)
        {
            // Global rows attend every key: G dense rows, O(G·T·D).
            var rows = torch.softmax(scaled.index_select(2, globals).matmul(k.transpose(-1, -2)), -1).matmul(v);       // [B,H,G,D]
            output.index_copy_(2, globals, rows);
        }
        return output.MoveToOuterDisposeScope();
    }
}

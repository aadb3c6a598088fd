// Expect: WrongAnswer
// Mistake: Gathers each query's band keys and the global keys separately and concatenates them before the softmax, without masking the global keys out of the band: a global key inside an ordinary query's window is then counted twice (its weight doubled).
namespace MlKatas.Katas;

public static class GlobalLocalAttention
{
    public static Tensor Attend(Tensor q, Tensor k, Tensor v, long window, Tensor globals)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], t = q.shape[2], d = q.shape[3];
        long g = globals.shape[0], width = 2 * window + 1;
        var scaled = q / Math.Sqrt(d);

        // Band: keys i − w … i + w of every query, gathered by index (clamped), positions outside [0, T) masked.
        var position = torch.arange(t).view(t, 1) + torch.arange(-window, window + 1).view(1, width);   // [T,2w+1]
        var outside = position.lt(0) | position.ge(t);
        var index = position.clamp(0, t - 1).flatten();
        var bandKeys = k.index_select(2, index).view(b, h, t, width, d);
        var bandValues = v.index_select(2, index).view(b, h, t, width, d);
        var band = scaled.unsqueeze(-2).matmul(bandKeys.transpose(-1, -2)).squeeze(-2);                 // [B,H,T,2w+1]
        band = band.masked_fill(outside, double.NegativeInfinity);

        // Global keys for everyone, concatenated to the band — but the band may already hold them.
        var globalKeys = k.index_select(2, globals);                                                    // [B,H,G,D]
        var globalValues = v.index_select(2, globals);
        var columns = scaled.matmul(globalKeys.transpose(-1, -2));                                      // [B,H,T,G]
        var p = torch.softmax(torch.cat(new[] { band, columns }, -1), -1);
        var output = p.narrow(-1, 0, width).unsqueeze(-2).matmul(bandValues).squeeze(-2)
            + p.narrow(-1, width, g).matmul(globalValues);

        // Global rows: every key, densely.
        var rows = torch.softmax(scaled.index_select(2, globals).matmul(k.transpose(-1, -2)), -1).matmul(v);
        output.index_copy_(2, globals, rows);
        return output.MoveToOuterDisposeScope();
    }
}

// Expect: Passed
// Mistake: None: a different correct solution and the control that calibrates the speed budget — each query block gathers its own key list (the summary keys of every earlier block, then its own block) with index_select and does one masked matmul; O(T·(l + c·T/l)·D).
namespace MlKatas.Katas;

public static class BlockSparseAttention
{
    public static Tensor Fixed(Tensor q, Tensor k, Tensor v, long block, long summary)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], t = q.shape[2], d = q.shape[3];
        long l = Math.Min(block, t), c = Math.Min(summary, l);
        long nb = (t + l - 1) / l, pad = nb * l - t;
        long slots = (nb - 1) * c + l;                       // summary slots, then the block's own l keys

        // Key position of each (query block n, slot s); slots that do not exist for block n are masked below.
        var n = torch.arange(nb).view(nb, 1);
        var s = torch.arange(slots).view(1, slots);
        var summarySlot = s < (nb - 1) * c;
        var summaryBlock = s.div(c, rounding_mode: RoundingMode.floor);
        var pos = torch.where(summarySlot, summaryBlock * l + (l - c) + s.remainder(c), n * l + (s - (nb - 1) * c));
        var slotExists = torch.where(summarySlot, summaryBlock < n, pos < t);        // [nb, slots]
        var index = pos.clamp(0, t - 1).flatten();

        var keys = k.index_select(2, index).view(b, h, nb, slots, d);
        var values = v.index_select(2, index).view(b, h, nb, slots, d);
        var queries = nn.functional.pad(q, new long[] { 0, 0, 0, pad }).view(b, h, nb, l, d);
        var scores = queries.matmul(keys.transpose(-1, -2)) / Math.Sqrt(d);            // [B,H,nb,l,slots]

        var queryPos = (n * l).view(nb, 1, 1) + torch.arange(l).view(1, l, 1);        // [nb,l,1]
        var allowed = slotExists.unsqueeze(1) & (pos.unsqueeze(1) <= queryPos);          // [nb,l,slots]
        scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);
        var output = torch.softmax(scores, -1).matmul(values);                          // [B,H,nb,l,D]
        return output.reshape(b, h, nb * l, d).narrow(2, 0, t).contiguous().MoveToOuterDisposeScope();
    }
}

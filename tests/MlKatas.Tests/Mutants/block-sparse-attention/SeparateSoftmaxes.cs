// Expect: WrongAnswer
// Mistake: Runs one softmax over the own-block scores and another over the summary scores and adds the two outputs: each part's weights sum to 1, so rows that see summaries get total weight 2 instead of one softmax over all their keys.
namespace MlKatas.Katas;
public static class BlockSparseAttention
{
    public static Tensor Fixed(Tensor q, Tensor k, Tensor v, long block, long summary)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], t = q.shape[2], d = q.shape[3];
        long l = Math.Min(block, t);                          // a block longer than T is one block of T
        long c = Math.Min(summary, l);
        long nb = (t + l - 1) / l;
        long pad = nb * l - t;
        long earlier = nb - 1;                                // complete blocks that can serve summaries

        Tensor Blocks(Tensor x) => (pad == 0 ? x : nn.functional.pad(x, new long[] { 0, 0, 0, pad })).view(b, h, nb, l, d);
        var qb = Blocks(q * (1.0 / Math.Sqrt(d)));             // [B,H,nb,l,D]
        var kb = Blocks(k);
        var vb = Blocks(v);

        // Local part: within each block, key r' ≤ query r.
        var local = qb.matmul(kb.transpose(-1, -2));          // [B,H,nb,l,l]
        local.masked_fill_(torch.ones(l, l, dtype: ScalarType.Bool).triu(1), double.NegativeInfinity);
        if (earlier == 0)
        {
            var p = torch.softmax(local, -1);
            return p.matmul(vb).view(b, h, nb * l, d).narrow(2, 0, t).contiguous().MoveToOuterDisposeScope();
        }

        // Summary part: the last c keys of blocks 0 … nb − 2, seen by query blocks strictly after theirs.
        var ks = kb.narrow(2, 0, earlier).narrow(3, l - c, c).reshape(b, h, 1, earlier * c, d);
        var vs = vb.narrow(2, 0, earlier).narrow(3, l - c, c).reshape(b, h, 1, earlier * c, d);
        var sums = qb.matmul(ks.transpose(-1, -2));           // [B,H,nb,l,(nb−1)·c]
        var sourceBlock = torch.arange(earlier).repeat_interleave(c);                 // block of each summary key
        var notEarlier = sourceBlock.unsqueeze(0).ge(torch.arange(nb).unsqueeze(1));  // [nb,(nb−1)·c]
        sums.masked_fill_(notEarlier.unsqueeze(1), double.NegativeInfinity);

        // One softmax over both parts (it subtracts the row max; each row keeps its own key, so never all −∞).
        var output = torch.softmax(local, -1).matmul(vb)
            .add_(torch.nan_to_num(torch.softmax(sums, -1), 0.0).matmul(vs));                   // [B,H,nb,l,D]
        return output.view(b, h, nb * l, d).narrow(2, 0, t).contiguous().MoveToOuterDisposeScope();
    }
}

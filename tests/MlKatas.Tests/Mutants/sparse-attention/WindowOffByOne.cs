// Expect: WrongAnswer
// Mistake: Lets query t see keys with t − window ≤ s ≤ t: window + 1 keys instead of window.
namespace MlKatas.Katas;

public static class SparseAttention
{
    public static Tensor SlidingWindow(Tensor q, Tensor k, Tensor v, long window)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], t = q.shape[2], d = q.shape[3];
        long w = Math.Min(window, t);   // block size
        long nb = (t + w - 1) / w;      // number of blocks
        long pad = nb * w - t;

        // Query block i sees key blocks i-1 and i: pad keys/values with one block of zeros in front.
        var qb = nn.functional.pad(q, new long[] { 0, 0, 0, pad }).view(b, h, nb, w, d);
        var kb = nn.functional.pad(k, new long[] { 0, 0, w, pad }).view(b, h, nb + 1, w, d);
        var vb = nn.functional.pad(v, new long[] { 0, 0, w, pad }).view(b, h, nb + 1, w, d);
        var keys = torch.cat(new[] { kb.narrow(2, 0, nb), kb.narrow(2, 1, nb) }, dim: 3);     // [B,H,nb,2w,D]
        var values = torch.cat(new[] { vb.narrow(2, 0, nb), vb.narrow(2, 1, nb) }, dim: 3);

        var scores = qb.matmul(keys.transpose(-1, -2)) / Math.Sqrt(d);                        // [B,H,nb,w,2w]

        // Absolute positions: query t = i*w + r, key s = (i-1)*w + c.
        var blockStart = (torch.arange(nb) * w).view(nb, 1, 1);
        var tPos = blockStart + torch.arange(w).view(1, w, 1);
        var sPos = blockStart - w + torch.arange(2 * w).view(1, 1, 2 * w);
        var allowed = (sPos <= tPos) & (sPos >= tPos - window) & (sPos >= 0);                  // [nb,w,2w]
        scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);

        var p = torch.softmax(scores, -1);
        var output = p.matmul(values).view(b, h, nb * w, d).narrow(2, 0, t);
        return output.contiguous().MoveToOuterDisposeScope();
    }
}

// Expect: NonFinite
// Mistake: The band is |i − j| < w instead of |i − j| ≤ w (2w − 1 keys instead of 2w + 1): at w = 0 an ordinary query then sees no key at all, not even itself, and its softmax over all −∞ is NaN.
namespace MlKatas.Katas;

public static class GlobalLocalAttention
{
    public static Tensor Attend(Tensor q, Tensor k, Tensor v, long window, Tensor globals)
    {
        using var scope = torch.NewDisposeScope();
        long t = q.shape[2], d = q.shape[3];
        var scores = q.matmul(k.transpose(-1, -2)) / Math.Sqrt(d);   // [B,H,T,T]
        var i = torch.arange(t).view(t, 1);
        var j = torch.arange(t).view(1, t);
        var isGlobal = torch.zeros(t, dtype: ScalarType.Bool).index_fill(0, globals, true);
        var globalQuery = isGlobal.view(t, 1);
        var globalKey = isGlobal.view(1, t);
        var allowed = (i - j).abs().lt(window) | globalQuery | globalKey;
        scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);
        return torch.softmax(scores, -1).matmul(v).MoveToOuterDisposeScope();
    }
}

// Expect: WrongAnswer
// Mistake: Ordinary queries see their window plus the global keys, but the global queries' rows are left with the plain window (the 'global rows' step forgotten): a global query sees neither the whole sequence nor the other globals.
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
        var allowed = torch.where(globalQuery, (i - j).abs().le(window), (i - j).abs().le(window) | globalKey);
        scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);
        return torch.softmax(scores, -1).matmul(v).MoveToOuterDisposeScope();
    }
}

// Expect: WrongAnswer
// Mistake: Global tokens attend to every key, but ordinary queries do not attend to the global keys outside their window: globals are one-way (they read everything, nobody reads them).
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
        var allowed = (i - j).abs().le(window) | globalQuery;
        scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);
        return torch.softmax(scores, -1).matmul(v).MoveToOuterDisposeScope();
    }
}

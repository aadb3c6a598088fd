// Expect: WrongAnswer
// Mistake: Makes the band causal (i − w ≤ j ≤ i), as in decoder sliding-window attention; Longformer's band is two-sided: query i also sees the w keys after it.
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
        var allowed = (i - j).le(window) & j.le(i) | globalQuery | globalKey;
        scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);
        return torch.softmax(scores, -1).matmul(v).MoveToOuterDisposeScope();
    }
}

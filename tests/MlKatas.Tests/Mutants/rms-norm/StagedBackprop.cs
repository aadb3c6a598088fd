// Expect: Passed
// Mistake: None: the staged backward through ms = mean(x²) (dms = Σ g·x·(−½)·rstd³, dx = g·rstd + dms·2x/D), a control for the speed budget.
namespace MlKatas.Katas;

public static class RmsNorm
{
    public static Tensor Forward(Tensor x, Tensor weight, double eps)
    {
        var rms = (x.pow(2).mean([-1], keepdim: true) + eps).sqrt();
        return x / rms * weight;
    }

    public static (Tensor Dx, Tensor DWeight) Backward(Tensor dy, Tensor x, Tensor weight, double eps)
    {
        long d = x.shape[^1];
        var ms = x.pow(2).mean([-1], keepdim: true);
        var rstd = 1 / (ms + eps).sqrt();
        var g = dy * weight;
        var dms = (g * x).sum([-1], keepdim: true) * -0.5 * rstd.pow(3);
        var dx = g * rstd + dms * 2 * x / (double)d;
        long[] leading = Enumerable.Range(0, (int)x.dim() - 1).Select(i => (long)i).ToArray();
        var dweight = leading.Length == 0 ? dy * x * rstd : (dy * x * rstd).sum(leading);
        return (dx, dweight);
    }
}

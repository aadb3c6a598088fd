// Expect: TooSlow
// Mistake: Correct, but normalises and differentiates one row at a time in a C# loop (a Python-style loop where one tensor op exists).
namespace MlKatas.Katas;

public static class RmsNorm
{
    public static Tensor Forward(Tensor x, Tensor weight, double eps)
    {
        long d = x.shape[^1];
        var rows = x.reshape(-1, d);
        var y = torch.empty_like(rows);
        for (long r = 0; r < rows.shape[0]; r++)
        {
            using var scope = torch.NewDisposeScope();
            var row = rows[r];
            y[r] = row * (row.square().mean() + eps).rsqrt() * weight;
        }
        return y.reshape(x.shape);
    }

    public static (Tensor Dx, Tensor DWeight) Backward(Tensor dy, Tensor x, Tensor weight, double eps)
    {
        long d = x.shape[^1];
        var rows = x.reshape(-1, d);
        var dys = dy.reshape(-1, d);
        var dx = torch.empty_like(rows);
        var dweight = torch.zeros_like(weight);
        for (long r = 0; r < rows.shape[0]; r++)
        {
            using var scope = torch.NewDisposeScope();
            var rstd = (rows[r].square().mean() + eps).rsqrt();
            var xhat = rows[r] * rstd;
            var g = dys[r] * weight;
            dx[r] = rstd * (g - xhat * (g * xhat).mean());
            dweight.add_(dys[r] * xhat);
        }
        return (dx.reshape(x.shape), dweight);
    }
}

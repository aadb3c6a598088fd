// Expect: TooSlow
// Mistake: Correct, but normalises and differentiates one row at a time in a C# loop (a Python-style loop where one tensor op exists).
namespace MlKatas.Katas;

public static class LayerNorm
{
    public static Tensor Forward(Tensor x, Tensor gamma, Tensor beta, double eps)
    {
        long d = x.shape[^1];
        var rows = x.reshape(-1, d);
        var y = torch.empty_like(rows);
        for (long r = 0; r < rows.shape[0]; r++)
        {
            using var scope = torch.NewDisposeScope();
            var row = rows[r];
            var centred = row - row.mean();
            y[r] = centred / (centred.square().mean() + eps).sqrt() * gamma + beta;
        }
        return y.reshape(x.shape);
    }

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps)
    {
        long d = x.shape[^1];
        var rows = x.reshape(-1, d);
        var dys = dy.reshape(-1, d);
        var dx = torch.empty_like(rows);
        var dgamma = torch.zeros_like(gamma);
        var dbeta = torch.zeros_like(gamma);
        for (long r = 0; r < rows.shape[0]; r++)
        {
            using var scope = torch.NewDisposeScope();
            var centred = rows[r] - rows[r].mean();
            var rstd = (centred.square().mean() + eps).rsqrt();
            var xhat = centred * rstd;
            var g = dys[r] * gamma;
            dx[r] = rstd * (g - g.mean() - xhat * (g * xhat).mean());
            dgamma.add_(dys[r] * xhat);
            dbeta.add_(dys[r]);
        }
        return (dx.reshape(x.shape), dgamma, dbeta);
    }
}

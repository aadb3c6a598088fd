// Expect: TooSlow
// Mistake: Correct, but SwiGLU and its backward go one row (token) at a time in a C# loop, with a vector-matrix product per row.
namespace MlKatas.Katas;

public static class Activations
{
    private const double SqrtTwoOverPi = 0.79788456080286535588;

    public static Tensor Gelu(Tensor x, string approximate) => approximate == "tanh"
        ? 0.5 * x * (1 + torch.tanh(SqrtTwoOverPi * (x + 0.044715 * x * x * x)))
        : 0.5 * x * (1 + torch.erf(x / Math.Sqrt(2)));

    public static Tensor GeluBackward(Tensor dy, Tensor x, string approximate)
    {
        if (approximate == "tanh")
        {
            var t = torch.tanh(SqrtTwoOverPi * (x + 0.044715 * x * x * x));
            return dy * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SqrtTwoOverPi * (1 + 3 * 0.044715 * x * x));
        }
        return dy * (0.5 * (1 + torch.erf(x / Math.Sqrt(2))) + x * torch.exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI));
    }

    public static Tensor Silu(Tensor x) => x * torch.sigmoid(x);

    public static Tensor SiluBackward(Tensor dy, Tensor x)
    {
        var s = torch.sigmoid(x);
        return dy * s * (1 + x * (1 - s));
    }

    public static Tensor SwiGlu(Tensor x, Tensor w, Tensor v)
    {
        long d = x.shape[^1], h = w.shape[0];
        var rows = x.reshape(-1, d);
        var y = torch.empty(rows.shape[0], h, dtype: x.dtype);
        for (long r = 0; r < rows.shape[0]; r++)
        {
            using var scope = torch.NewDisposeScope();
            var a = torch.mv(w, rows[r]);
            y[r] = a * torch.sigmoid(a) * torch.mv(v, rows[r]);
        }
        return y.reshape([.. x.shape[..^1], h]);
    }

    public static (Tensor Dx, Tensor DW, Tensor DV) SwiGluBackward(Tensor dy, Tensor x, Tensor w, Tensor v)
    {
        long d = x.shape[^1], h = w.shape[0];
        var rows = x.reshape(-1, d);
        var dys = dy.reshape(-1, h);
        var dx = torch.empty_like(rows);
        var dw = torch.zeros_like(w);
        var dv = torch.zeros_like(v);
        for (long r = 0; r < rows.shape[0]; r++)
        {
            using var scope = torch.NewDisposeScope();
            var a = torch.mv(w, rows[r]);
            var b = torch.mv(v, rows[r]);
            var s = torch.sigmoid(a);
            var da = dys[r] * b * s * (1 + a * (1 - s));
            var db = dys[r] * a * s;
            dx[r] = torch.mv(w.t(), da) + torch.mv(v.t(), db);
            dw.add_(torch.outer(da, rows[r]));
            dv.add_(torch.outer(db, rows[r]));
        }
        return (dx.reshape(x.shape), dw, dv);
    }
}

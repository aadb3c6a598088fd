// Expect: TooSlow
// Mistake: Correct, but masks and scales one row (last-dim vector) at a time in a C# loop.
namespace MlKatas.Katas;

public static class Dropout
{
    public static Tensor Forward(Tensor x, Tensor u, double p, bool training)
    {
        if (!training) return x.clone();
        if (p >= 1) return torch.zeros_like(x);
        return Rows(x, u, p);
    }

    public static Tensor Backward(Tensor dy, Tensor u, double p, bool training)
    {
        if (!training) return dy.clone();
        if (p >= 1) return torch.zeros_like(dy);
        return Rows(dy, u, p);
    }

    private static Tensor Rows(Tensor t, Tensor u, double p)
    {
        long d = t.shape[^1];
        var rows = t.reshape(-1, d);
        var us = u.reshape(-1, d);
        var y = torch.empty_like(rows);
        for (long r = 0; r < rows.shape[0]; r++)
        {
            using var scope = torch.NewDisposeScope();
            y[r] = rows[r] * us[r].ge(p) / (1 - p);
        }
        return y.reshape(t.shape);
    }
}

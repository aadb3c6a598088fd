// Expect: TooSlow
// Mistake: Correct, but updates the parameter one row at a time in a C# loop (a tensor call per row per step where one whole-tensor op exists).
namespace MlKatas.Katas;

public static class AdamOptimizer
{
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
    {
        using var scope = torch.NewDisposeScope();
        long n = grads.shape[0];
        long rows = param.dim() == 0 ? 1 : param.shape[0];
        var p = param.reshape(rows, -1).clone();
        var g2 = grads.reshape(n, rows, p.shape[1]);
        var m = torch.zeros_like(p);
        var v = torch.zeros_like(p);
        var trajectory = torch.empty(n, rows, p.shape[1], dtype: param.dtype);
        for (long t = 1; t <= n; t++)
        {
            double bc1 = 1 - Math.Pow(beta1, t), bc2 = 1 - Math.Pow(beta2, t);
            for (long r = 0; r < rows; r++)
            {
                using var rowScope = torch.NewDisposeScope();
                var pr = decoupled ? p[r] * (1 - lr * weightDecay) : p[r];
                var g = decoupled ? g2[t - 1, r] : g2[t - 1, r] + weightDecay * p[r];
                var mr = beta1 * m[r] + (1 - beta1) * g;
                var vr = beta2 * v[r] + (1 - beta2) * g * g;
                m[r] = mr;
                v[r] = vr;
                p[r] = pr - lr * (mr / bc1) / ((vr / bc2).sqrt() + eps);
            }
            trajectory[t - 1] = p;
        }
        return trajectory.reshape(grads.shape).MoveToOuterDisposeScope();
    }
}

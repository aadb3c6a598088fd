// Expect: TooSlow
// Mistake: Correct, but updates the parameter one row at a time in a C# loop (a tensor call per row per step where one whole-tensor op exists).
namespace MlKatas.Katas;

public static class SgdMomentum
{
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        using var scope = torch.NewDisposeScope();
        long n = grads.shape[0];
        var p = param.reshape(param.numel() == 0 ? 0 : (param.dim() == 0 ? 1 : param.shape[0]), -1).clone();
        var g2 = grads.reshape(n, p.shape[0], p.shape[1]);
        var buf = torch.zeros_like(p);
        var trajectory = torch.empty(n, p.shape[0], p.shape[1], dtype: param.dtype);
        for (long t = 0; t < n; t++)
        {
            for (long r = 0; r < p.shape[0]; r++)
            {
                using var rowScope = torch.NewDisposeScope();
                var pr = p[r];
                var d = g2[t, r] + weightDecay * pr;
                if (momentum != 0)
                {
                    var b = t == 0 ? d : momentum * buf[r] + (1 - dampening) * d;
                    buf[r] = b;
                    d = nesterov ? d + momentum * b : b;
                }
                p[r] = pr - lr * d;
            }
            trajectory[t] = p;
        }
        return trajectory.reshape(grads.shape).MoveToOuterDisposeScope();
    }
}

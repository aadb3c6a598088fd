// Expect: NonFinite
// Mistake: Counts steps from 0 in the bias correction: 1 − β1⁰ = 0 on the first step, a division by zero.
namespace MlKatas.Katas;

public static class AdamOptimizer
{
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
    {
        using var scope = torch.NewDisposeScope();
        var p = param.clone();
        var m = torch.zeros_like(p);
        var v = torch.zeros_like(p);
        var steps = new List<Tensor>();
        for (long t = 1; t <= grads.shape[0]; t++)
        {
            var g = grads[t - 1];
            if (decoupled)
            {
                p = p * (1 - lr * weightDecay);
            }
            else
            {
                g = g + weightDecay * p;
            }
            m = beta1 * m + (1 - beta1) * g;
            v = beta2 * v + (1 - beta2) * g * g;
            double bc1 = 1 - Math.Pow(beta1, (t - 1)), bc2 = 1 - Math.Pow(beta2, (t - 1));
            p = p - lr * ((m / bc1) / ((v / bc2).sqrt() + eps));

            steps.Add(p);
        }
        return (steps.Count == 0 ? torch.empty(grads.shape, dtype: param.dtype) : torch.stack(steps)).MoveToOuterDisposeScope();
    }
}

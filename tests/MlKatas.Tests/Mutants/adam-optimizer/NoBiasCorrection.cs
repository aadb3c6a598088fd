// Expect: WrongAnswer
// Mistake: Skips the bias correction: p −= lr·m / (√v + eps) with the raw moments, so the first steps are far too small.
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
            double bc1 = 1 - Math.Pow(beta1, t), bc2 = 1 - Math.Pow(beta2, t);
            p = p - lr * (m / (v.sqrt() + eps));

            steps.Add(p);
        }
        return (steps.Count == 0 ? torch.empty(grads.shape, dtype: param.dtype) : torch.stack(steps)).MoveToOuterDisposeScope();
    }
}

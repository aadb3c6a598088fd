// Expect: InputMutated
// Mistake: Updates the parameter in place (param.addcdiv_), as torch.optim does, instead of working on a copy.
namespace MlKatas.Katas;

public static class AdamOptimizer
{
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
    {
        var m = torch.zeros_like(param);
        var v = torch.zeros_like(param);
        var steps = new List<Tensor>();
        for (long t = 1; t <= grads.shape[0]; t++)
        {
            var g = grads[t - 1];
            if (decoupled)
            {
                param.mul_(1 - lr * weightDecay);
            }
            else
            {
                g = g + weightDecay * param;
            }
            m = beta1 * m + (1 - beta1) * g;
            v = beta2 * v + (1 - beta2) * g * g;
            var denominator = (v / (1 - Math.Pow(beta2, t))).sqrt() + eps;
            param.addcdiv_(m, denominator, -lr / (1 - Math.Pow(beta1, t)));
            steps.Add(param.clone());
        }
        return steps.Count == 0 ? torch.empty(grads.shape, dtype: param.dtype) : torch.stack(steps);
    }
}

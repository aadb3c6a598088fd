// Expect: Passed
// Mistake: None: keeps the lr-scaled velocity v = lr·buf (Sutskever-style) and writes into a preallocated trajectory — a different but correct formulation, a control for the speed budget.
namespace MlKatas.Katas;

public static class SgdMomentum
{
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        using var scope = torch.NewDisposeScope();
        long n = grads.shape[0];
        var trajectory = torch.empty(grads.shape, dtype: ScalarType.Float64);
        var p = param.clone();
        var velocity = torch.zeros_like(p);
        for (long t = 0; t < n; t++)
        {
            using var stepScope = torch.NewDisposeScope();
            var d = weightDecay == 0 ? grads[t] : grads[t] + weightDecay * p;
            if (momentum == 0)
            {
                p.sub_(lr * d);
            }
            else
            {
                // v_t = lr·buf_t: the first step v = lr·d, later v = μ·v + lr·(1 − τ)·d.
                velocity = t == 0 ? lr * d : velocity.mul_(momentum).add_(d, alpha: lr * (1 - dampening));
                if (t == 0)
                {
                    velocity.MoveToOuterDisposeScope();   // made in this step's scope; later steps update it in place
                }
                p.sub_(nesterov ? lr * d + momentum * velocity : velocity);
            }
            trajectory[t] = p;
        }
        return trajectory.MoveToOuterDisposeScope();
    }
}

// Expect: WrongShape
// Mistake: Returns N + 1 rows, p₀ first, instead of the N parameters after each step.
namespace MlKatas.Katas;

public static class SgdMomentum
{
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        using var scope = torch.NewDisposeScope();
        var p = param.clone();
        Tensor? buf = null;
        var steps = new List<Tensor>();
        for (long t = 0; t < grads.shape[0]; t++)
        {
            var g = grads[t];
            var d = g + weightDecay * p;
            if (momentum != 0)
            {
                var old = buf;
                buf = buf is null ? d.clone() : momentum * buf + (1 - dampening) * d;
                d = nesterov ? d + momentum * buf : buf;
            }
            p = p - lr * d;
            steps.Add(p);
        }
        return torch.stack(new[] { param.clone() }.Concat(steps).ToArray()).MoveToOuterDisposeScope();
    }
}

// Expect: WrongAnswer
// Mistake: Nesterov step with the momentum buffer from BEFORE this step's update (g + μ·buf_{t−1}) instead of the updated one (g + μ·buf_t).
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
                d = nesterov ? d + momentum * (old ?? torch.zeros_like(d)) : buf;
            }
            p = p - lr * d;
            steps.Add(p);
        }
        return (steps.Count == 0 ? torch.empty(grads.shape, dtype: param.dtype) : torch.stack(steps)).MoveToOuterDisposeScope();
    }
}

// Expect: InputMutated
// Mistake: Updates the parameter in place (param.add_), as torch.optim does, instead of working on a copy.
namespace MlKatas.Katas;

public static class SgdMomentum
{
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        var steps = new List<Tensor>();
        Tensor? buf = null;
        for (long t = 0; t < grads.shape[0]; t++)
        {
            var d = grads[t] + weightDecay * param;
            if (momentum != 0)
            {
                buf = buf is null ? d.clone() : momentum * buf + (1 - dampening) * d;
                d = nesterov ? d + momentum * buf : buf;
            }
            param.add_(d, alpha: -lr);
            steps.Add(param.clone());
        }
        return steps.Count == 0 ? torch.empty(grads.shape, dtype: param.dtype) : torch.stack(steps);
    }
}

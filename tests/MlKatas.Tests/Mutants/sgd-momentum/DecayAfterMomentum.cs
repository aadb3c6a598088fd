// Expect: WrongAnswer
// Mistake: Adds the weight decay after the momentum (p − lr·(buf + wd·p), the buffer built from g alone) instead of to the gradient before it.
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
            var d = g;
            if (momentum != 0)
            {
                var old = buf;
                buf = buf is null ? d.clone() : momentum * buf + (1 - dampening) * d;
                d = nesterov ? d + momentum * buf : buf;
            }
            p = p - lr * (d + weightDecay * p);
            steps.Add(p);
        }
        return (steps.Count == 0 ? torch.empty(grads.shape, dtype: param.dtype) : torch.stack(steps)).MoveToOuterDisposeScope();
    }
}

namespace MlKatas.Katas;

/// <summary>Reference for the sgd-momentum kata: torch.optim.SGD's single-tensor update, step by step.</summary>
public static class SgdMomentum
{
    /// <summary>The parameter after each of the N steps of torch.optim.SGD.</summary>
    /// <param name="param">p₀, float64, shape P.</param>
    /// <param name="grads">float64 [N, *P].</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="momentum">μ.</param>
    /// <param name="dampening">τ.</param>
    /// <param name="weightDecay">Coupled (L2) weight decay.</param>
    /// <param name="nesterov">Nesterov momentum.</param>
    /// <returns>float64 [N, *P].</returns>
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        using var scope = torch.NewDisposeScope();
        long n = grads.shape[0];
        var trajectory = torch.empty(grads.shape, dtype: param.dtype);
        var p = param.clone();
        Tensor? buffer = null;
        for (long t = 0; t < n; t++)
        {
            // The same operations as torch 1.13's _single_tensor_sgd, so the rounding is the same too.
            var d = grads[t];
            if (weightDecay != 0)
            {
                d = d.add(p, alpha: weightDecay);
            }
            if (momentum != 0)
            {
                buffer = buffer is null ? d.clone() : buffer.mul_(momentum).add_(d, alpha: 1 - dampening);
                d = nesterov ? d.add(buffer, alpha: momentum) : buffer;
            }
            p.add_(d, alpha: -lr);
            trajectory[t].copy_(p);
        }
        return trajectory.MoveToOuterDisposeScope();
    }
}

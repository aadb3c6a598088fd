namespace MlKatas.Katas;

/// <summary>Reference for the adam-optimizer kata: torch 1.13's single-tensor Adam / AdamW update, step by step.</summary>
public static class AdamOptimizer
{
    /// <summary>The parameter after each of the N steps of Adam or AdamW.</summary>
    /// <param name="param">p₀, float64, shape P.</param>
    /// <param name="grads">float64 [N, *P].</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="beta1">β1.</param>
    /// <param name="beta2">β2.</param>
    /// <param name="eps">ε.</param>
    /// <param name="weightDecay">Weight decay: L2 for Adam, decoupled for AdamW.</param>
    /// <param name="decoupled">AdamW when true.</param>
    /// <returns>float64 [N, *P].</returns>
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
    {
        using var scope = torch.NewDisposeScope();
        long n = grads.shape[0];
        var trajectory = torch.empty(grads.shape, dtype: param.dtype);
        var p = param.clone();
        var m = torch.zeros_like(p);
        var v = torch.zeros_like(p);
        for (long t = 0; t < n; t++)
        {
            using var stepScope = torch.NewDisposeScope();
            // The operations of torch 1.13's _single_tensor_adam / _single_tensor_adamw, in their order.
            var g = grads[t];
            if (decoupled)
            {
                p.mul_(1 - lr * weightDecay);
            }
            else if (weightDecay != 0)
            {
                g = g.add(p, alpha: weightDecay);
            }
            m.mul_(beta1).add_(g, alpha: 1 - beta1);
            v.mul_(beta2).addcmul_(g, g, 1 - beta2);
            double step = t + 1;
            double biasCorrection1 = 1 - Math.Pow(beta1, step);
            double biasCorrection2 = 1 - Math.Pow(beta2, step);
            var denominator = v.sqrt().div_(Math.Sqrt(biasCorrection2)).add_(eps);   // eps after the root and the correction
            p.addcdiv_(m, denominator, -(lr / biasCorrection1));
            trajectory[t].copy_(p);
        }
        return trajectory.MoveToOuterDisposeScope();
    }
}

namespace MlKatas.Katas;

/// <summary>Reference for the batch-norm kata: training and eval forward, running statistics, and the hand-derived backward.</summary>
public static class BatchNorm
{
    /// <summary>
    /// Training mode: per-channel batch mean and biased variance over every dim but 1; y = (x − mean)/sqrt(var + eps)·gamma + beta;
    /// running = (1 − m)·running + m·batch statistic, with the unbiased variance for the running variance.
    /// </summary>
    /// <param name="x">[N, C] or [N, C, H, W] float64.</param>
    /// <param name="gamma">[C] float64.</param>
    /// <param name="beta">[C] float64.</param>
    /// <param name="runningMean">[C] float64, not modified.</param>
    /// <param name="runningVar">[C] float64, not modified.</param>
    /// <param name="momentum">m in [0, 1].</param>
    /// <param name="eps">Added to the variance inside the square root.</param>
    /// <returns>y like x, and the updated running mean and variance [C].</returns>
    public static (Tensor Y, Tensor RunningMean, Tensor RunningVar) ForwardTrain(Tensor x, Tensor gamma, Tensor beta,
        Tensor runningMean, Tensor runningVar, double momentum, double eps)
    {
        // Out of place throughout: the grader differentiates this forward with autograd to grade Backward.
        using var scope = torch.NewDisposeScope();
        long[] reduce = ReduceDims(x);
        long count = x.numel() / x.shape[1];
        var mean = x.mean(reduce, keepdim: true);
        var centred = x - mean;
        var variance = centred.square().mean(reduce, keepdim: true);
        var y = centred * torch.rsqrt(variance + eps) * Channel(gamma, x) + Channel(beta, x);
        var newMean = runningMean * (1 - momentum) + mean.flatten() * momentum;
        var newVar = runningVar * (1 - momentum) + variance.flatten() * ((double)count / (count - 1) * momentum);
        return (y.MoveToOuterDisposeScope(), newMean.detach().MoveToOuterDisposeScope(), newVar.detach().MoveToOuterDisposeScope());
    }

    /// <summary>Eval mode: y = (x − runningMean)/sqrt(runningVar + eps)·gamma + beta per channel.</summary>
    /// <param name="x">[N, C] or [N, C, H, W] float64.</param>
    /// <param name="gamma">[C] float64.</param>
    /// <param name="beta">[C] float64.</param>
    /// <param name="runningMean">[C] float64.</param>
    /// <param name="runningVar">[C] float64.</param>
    /// <param name="eps">Added to the variance inside the square root.</param>
    /// <returns>y like x.</returns>
    public static Tensor ForwardEval(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, double eps)
    {
        using var scope = torch.NewDisposeScope();
        var scale = torch.rsqrt(runningVar + eps) * gamma;
        return ((x - Channel(runningMean, x)) * Channel(scale, x) + Channel(beta, x)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Gradients of L = Σ dy · ForwardTrain(x, gamma, beta, …).Y: with x̂ = (x − mean)·rstd and g = dy·gamma, per channel
    /// dx = rstd · (g − mean(g) − x̂ · mean(g · x̂)), dgamma = Σ dy · x̂, dbeta = Σ dy (sums and means over every dim but 1).
    /// </summary>
    /// <param name="dy">Upstream gradient, like x.</param>
    /// <param name="x">[N, C] or [N, C, H, W] float64, the forward's input.</param>
    /// <param name="gamma">[C] float64.</param>
    /// <param name="eps">As in the forward.</param>
    /// <returns>dx like x, dgamma [C], dbeta [C].</returns>
    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps)
    {
        using var scope = torch.NewDisposeScope();
        long[] reduce = ReduceDims(x);
        var centred = x - x.mean(reduce, keepdim: true);
        var rstd = torch.rsqrt(centred.square().mean(reduce, keepdim: true).add_(eps));
        var xhat = centred.mul_(rstd);
        var g = dy * Channel(gamma, x);
        var dx = (g - g.mean(reduce, keepdim: true)).sub_(xhat * (g * xhat).mean(reduce, keepdim: true)).mul_(rstd);
        var dgamma = (dy * xhat).sum(reduce);
        var dbeta = dy.sum(reduce);
        return (dx.MoveToOuterDisposeScope(), dgamma.MoveToOuterDisposeScope(), dbeta.MoveToOuterDisposeScope());
    }

    // Every dim but the channel dim 1.
    private static long[] ReduceDims(Tensor x) => Enumerable.Range(0, (int)x.dim()).Where(d => d != 1).Select(d => (long)d).ToArray();

    // A [C] tensor shaped [1, C, 1, …] to broadcast against x.
    private static Tensor Channel(Tensor v, Tensor x)
    {
        long[] shape = Enumerable.Repeat(1L, (int)x.dim()).ToArray();
        shape[1] = v.shape[0];
        return v.view(shape);
    }
}

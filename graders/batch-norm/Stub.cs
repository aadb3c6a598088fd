namespace MlKatas.Katas;

/// <summary>Batch normalisation over the channel dim 1: training and eval forward, and the training-mode backward by hand (README.md has every rule).</summary>
public static class BatchNorm
{
    /// <summary>
    /// Training mode. Per channel c, over every dim but 1 (N for [N, C]; N, H, W for [N, C, H, W]): mean and biased
    /// variance (÷ M, M = number of values per channel); y = (x − mean) / sqrt(var + eps) · gamma[c] + beta[c].
    /// Running statistics as torch.nn.BatchNorm: running = (1 − momentum) · running + momentum · batch statistic,
    /// with the unbiased variance (÷ (M − 1)) for the running variance.
    /// </summary>
    /// <param name="x">Input, shape [N, C] or [N, C, H, W], float64, at least 2 values per channel. Must not be modified.</param>
    /// <param name="gamma">Scale, shape [C], float64.</param>
    /// <param name="beta">Shift, shape [C], float64.</param>
    /// <param name="runningMean">Running mean before this batch, shape [C], float64. Must not be modified: return the new one.</param>
    /// <param name="runningVar">Running variance before this batch, shape [C], float64. Must not be modified: return the new one.</param>
    /// <param name="momentum">Weight of the batch statistic in the update, in [0, 1].</param>
    /// <param name="eps">Added to the variance inside the square root.</param>
    /// <returns>Y like x, and the updated RunningMean and RunningVar, shape [C], float64.</returns>
    public static (Tensor Y, Tensor RunningMean, Tensor RunningVar) ForwardTrain(Tensor x, Tensor gamma, Tensor beta,
        Tensor runningMean, Tensor runningVar, double momentum, double eps)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>Eval mode: y = (x − runningMean[c]) / sqrt(runningVar[c] + eps) · gamma[c] + beta[c]; no batch statistics.</summary>
    /// <param name="x">Input, shape [N, C] or [N, C, H, W], float64 (N may be 1).</param>
    /// <param name="gamma">Scale, shape [C], float64.</param>
    /// <param name="beta">Shift, shape [C], float64.</param>
    /// <param name="runningMean">Shape [C], float64.</param>
    /// <param name="runningVar">Shape [C], float64.</param>
    /// <param name="eps">Added to the variance inside the square root.</param>
    /// <returns>y, like x, float64.</returns>
    public static Tensor ForwardEval(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, double eps)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// The gradients of L = Σ dy · y, y = ForwardTrain(x, gamma, beta, …).Y (batch statistics, which depend on x), with
    /// respect to x, gamma and beta, derived by hand (autograd is forbidden).
    /// </summary>
    /// <param name="dy">Upstream gradient ∂L/∂y, like x, float64.</param>
    /// <param name="x">The forward's input, [N, C] or [N, C, H, W], float64.</param>
    /// <param name="gamma">Scale, shape [C], float64.</param>
    /// <param name="eps">As in the forward.</param>
    /// <returns>Dx like x, DGamma [C] and DBeta [C], float64.</returns>
    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

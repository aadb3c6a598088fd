namespace MlKatas.Katas;

/// <summary>Reference for the layer-norm kata: LayerNorm over the last dim, and its hand-derived backward.</summary>
public static class LayerNorm
{
    /// <summary>y = (x − mean) / sqrt(var + eps) · gamma + beta over the last dim, var biased (÷ D), two-pass.</summary>
    /// <param name="x">[..., D] float64.</param>
    /// <param name="gamma">[D] float64 scale.</param>
    /// <param name="beta">[D] float64 shift.</param>
    /// <param name="eps">Added to the variance inside the square root.</param>
    /// <returns>[..., D] float64.</returns>
    public static Tensor Forward(Tensor x, Tensor gamma, Tensor beta, double eps)
    {
        // Out of place throughout: the grader differentiates this forward with autograd to grade Backward.
        using var scope = torch.NewDisposeScope();
        var centred = x - x.mean([-1], keepdim: true);
        var rstd = torch.rsqrt(centred.square().mean([-1], keepdim: true) + eps);
        return (centred * rstd * gamma + beta).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Gradients of L = Σ dy · Forward(x, gamma, beta, eps): with x̂ = (x − mean)·rstd and g = dy·gamma,
    /// dx = rstd · (g − mean(g) − x̂ · mean(g · x̂)), dgamma = Σ dy · x̂ and dbeta = Σ dy over all leading dims.
    /// </summary>
    /// <param name="dy">Upstream gradient [..., D] float64.</param>
    /// <param name="x">[..., D] float64, the forward's input.</param>
    /// <param name="gamma">[D] float64.</param>
    /// <param name="eps">As in the forward.</param>
    /// <returns>dx [..., D], dgamma [D], dbeta [D], float64.</returns>
    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps)
    {
        using var scope = torch.NewDisposeScope();
        var centred = x - x.mean([-1], keepdim: true);
        var rstd = torch.rsqrt(centred.square().mean([-1], keepdim: true).add_(eps));
        var xhat = centred.mul_(rstd);
        var g = dy * gamma;
        var dx = (g - g.mean([-1], keepdim: true)).sub_(xhat * (g * xhat).mean([-1], keepdim: true)).mul_(rstd);
        long[] leading = Enumerable.Range(0, (int)x.dim() - 1).Select(i => (long)i).ToArray();
        var dgamma = leading.Length == 0 ? dy * xhat : (dy * xhat).sum(leading);
        var dbeta = leading.Length == 0 ? dy.clone() : dy.sum(leading);
        return (dx.MoveToOuterDisposeScope(), dgamma.MoveToOuterDisposeScope(), dbeta.MoveToOuterDisposeScope());
    }
}

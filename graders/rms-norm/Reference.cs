namespace MlKatas.Katas;

/// <summary>Reference for the rms-norm kata: RMSNorm over the last dim (LLaMA), and its hand-derived backward.</summary>
public static class RmsNorm
{
    /// <summary>y = x / sqrt(mean(x²) + eps) · weight over the last dim.</summary>
    /// <param name="x">[..., D] float32 or float64.</param>
    /// <param name="weight">[D], x's dtype.</param>
    /// <param name="eps">Added to the mean square inside the square root.</param>
    /// <returns>[..., D], x's dtype.</returns>
    public static Tensor Forward(Tensor x, Tensor weight, double eps)
    {
        // Out of place throughout: the grader differentiates this forward with autograd to grade Backward.
        using var scope = torch.NewDisposeScope();
        var rstd = torch.rsqrt(x.square().mean([-1], keepdim: true) + eps);
        return (x * rstd * weight).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Gradients of L = Σ dy · Forward(x, weight, eps): with x̂ = x·rstd and g = dy·weight,
    /// dx = rstd · (g − x̂ · mean(g · x̂)) and dweight = Σ dy · x̂ over all leading dims.
    /// </summary>
    /// <param name="dy">Upstream gradient [..., D].</param>
    /// <param name="x">[..., D], the forward's input.</param>
    /// <param name="weight">[D].</param>
    /// <param name="eps">As in the forward.</param>
    /// <returns>dx [..., D], dweight [D], x's dtype.</returns>
    public static (Tensor Dx, Tensor DWeight) Backward(Tensor dy, Tensor x, Tensor weight, double eps)
    {
        using var scope = torch.NewDisposeScope();
        var rstd = torch.rsqrt(x.square().mean([-1], keepdim: true).add_(eps));
        var xhat = x * rstd;
        var g = dy * weight;
        var dx = (g - xhat * (g * xhat).mean([-1], keepdim: true)).mul_(rstd);
        var prod = dy * xhat;
        var dweight = x.dim() == 1 ? prod : prod.reshape(-1, x.shape[^1]).sum(dim: 0);
        return (dx.MoveToOuterDisposeScope(), dweight.MoveToOuterDisposeScope());
    }
}

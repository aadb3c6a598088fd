namespace MlKatas.Katas;

/// <summary>Reference for the clip-grad-norm kata: torch.nn.utils.clip_grad_norm_ without the in-place update.</summary>
public static class GradClipping
{
    /// <summary>Clips <paramref name="grads"/> by their global <paramref name="normType"/>-norm to <paramref name="maxNorm"/>.</summary>
    /// <param name="grads">Gradients of any shapes, one dtype; possibly empty.</param>
    /// <param name="maxNorm">Largest allowed total norm.</param>
    /// <param name="normType">p ≥ 1, or +∞.</param>
    /// <returns>Clipped copies and the total norm before clipping.</returns>
    public static (Tensor[] Grads, double TotalNorm) ClipGradNorm(Tensor[] grads, double maxNorm, double normType)
    {
        if (grads.Length == 0)
        {
            return ([], 0.0);
        }
        using var scope = torch.NewDisposeScope();
        // One small reduction per tensor, stacked, then one more: as torch does (the norm of the per-tensor norms equals
        // the norm of everything concatenated, without copying every gradient into one vector).
        var perTensor = torch.stack(grads.Select(g => double.IsPositiveInfinity(normType)
            ? g.abs().max()
            : torch.linalg.vector_norm(g, normType)).ToArray());
        var total = double.IsPositiveInfinity(normType) ? perTensor.max() : torch.linalg.vector_norm(perTensor, normType);
        // The coefficient in the gradients' dtype, as torch computes it (a float32 total gives a float32 coefficient).
        var coefficient = (torch.tensor(maxNorm, dtype: total.dtype) / (total + 1e-6)).clamp_max(1.0);
        var clipped = grads.Select(g => (g * coefficient).MoveToOuterDisposeScope()).ToArray();
        return (clipped, total.to_type(ScalarType.Float64).item<double>());
    }
}

namespace MlKatas.Katas;

/// <summary>Reference for the info-nce-loss kata: SimCLR's NT-Xent and the CLIP-style symmetric InfoNCE, differentiable.</summary>
public static class InfoNce
{
    /// <summary>
    /// NT-Xent over the 2N anchors of cat(z1, z2), L2-normalised: anchor a's positive is (a + N) mod 2N, its negatives
    /// the other 2N − 2 rows; the self-similarity is excluded (a −∞ logit); mean of the 2N cross-entropies.
    /// </summary>
    /// <param name="z1">View 1 [N, D], float32 or float64.</param>
    /// <param name="z2">View 2 [N, D], the dtype of z1.</param>
    /// <param name="temperature">τ &gt; 0.</param>
    /// <returns>The loss, a 0-d tensor in z1's dtype.</returns>
    public static Tensor NtXent(Tensor z1, Tensor z2, double temperature)
    {
        using var scope = torch.NewDisposeScope();
        long n = z1.shape[0];
        var u = Normalize(torch.cat([z1, z2], 0));
        var self = torch.eye(2 * n, dtype: ScalarType.Bool);
        var logits = u.matmul(u.t()).div(temperature).masked_fill(self, double.NegativeInfinity);
        var target = torch.arange(2 * n, dtype: ScalarType.Int64).add_(n).remainder_(2 * n);
        return torch.nn.functional.cross_entropy(logits, target).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// CLIP-style InfoNCE: logits = normalize(z1)·normalize(z2)ᵀ / τ, the mean cross-entropy of its rows (target i) and
    /// of its columns (target i), averaged.
    /// </summary>
    /// <param name="z1">Embeddings of one modality [N, D], float32 or float64; row i pairs with row i of z2.</param>
    /// <param name="z2">Embeddings of the other modality [N, D], the dtype of z1.</param>
    /// <param name="temperature">τ &gt; 0.</param>
    /// <returns>The loss, a 0-d tensor in z1's dtype.</returns>
    public static Tensor Clip(Tensor z1, Tensor z2, double temperature)
    {
        using var scope = torch.NewDisposeScope();
        var logits = Normalize(z1).matmul(Normalize(z2).t()).div(temperature);
        var target = torch.arange(z1.shape[0], dtype: ScalarType.Int64);
        var loss = torch.nn.functional.cross_entropy(logits, target).add(torch.nn.functional.cross_entropy(logits.t(), target)).div(2);
        return loss.MoveToOuterDisposeScope();
    }

    // x / max(‖x‖, 1e-12) row by row, as torch.nn.functional.normalize.
    private static Tensor Normalize(Tensor x) => x.div(x.norm(1, keepdim: true).clamp_min(1e-12));
}

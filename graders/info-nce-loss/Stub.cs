namespace MlKatas.Katas;

/// <summary>
/// Contrastive InfoNCE losses (see README.md): SimCLR's NT-Xent over 2N anchors and the CLIP-style symmetric
/// cross-entropy. Autograd is allowed: the grader differentiates your loss and checks the gradients too.
/// </summary>
public static class InfoNce
{
    /// <summary>
    /// NT-Xent: u = the rows of cat(z1, z2) [2N, D], each divided by max(‖row‖₂, 1e-12); s[a, b] = u[a]·u[b] / temperature.
    /// Anchor a's positive is p(a) = (a + N) mod 2N (its other view); its negatives are every b ∉ {a, p(a)}; b = a is
    /// EXCLUDED. loss = mean over the 2N anchors of −s[a, p(a)] + log Σ_{b ≠ a} exp(s[a, b]).
    /// </summary>
    /// <param name="z1">First view [N, D], float32 or float64, N ≥ 1. Must not be modified.</param>
    /// <param name="z2">Second view [N, D], the dtype of z1; row i is the other view of row i of z1. Must not be modified.</param>
    /// <param name="temperature">τ &gt; 0: the similarities are DIVIDED by it.</param>
    /// <returns>The loss, a 0-d tensor in z1's dtype, differentiable with respect to z1 and z2.</returns>
    public static Tensor NtXent(Tensor z1, Tensor z2, double temperature)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// CLIP-style symmetric InfoNCE: logits[i, j] = normalize(z1)[i]·normalize(z2)[j] / temperature [N, N];
    /// loss = ½·(mean_i CE(row i of logits, target i) + mean_j CE(column j of logits, target j)), where
    /// CE(ℓ, t) = −ℓ[t] + log Σ_k exp(ℓ[k]).
    /// </summary>
    /// <param name="z1">Embeddings of one modality [N, D], float32 or float64, N ≥ 1. Must not be modified.</param>
    /// <param name="z2">Embeddings of the other [N, D], the dtype of z1; row i pairs with row i of z1. Must not be modified.</param>
    /// <param name="temperature">τ &gt; 0: the similarities are DIVIDED by it.</param>
    /// <returns>The loss, a 0-d tensor in z1's dtype, differentiable with respect to z1 and z2.</returns>
    public static Tensor Clip(Tensor z1, Tensor z2, double temperature)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

namespace MlKatas.Katas;

/// <summary>Reference for the pca-power-iteration kata: power iteration with Hotelling deflation.</summary>
public static class PowerIteration
{
    /// <summary>
    /// The top k = start.shape[0] eigenpairs of a symmetric PSD matrix: for each j, <paramref name="iterations"/> steps
    /// of v ← Bv / ‖Bv‖ from start row j, the Rayleigh quotient λ = vᵀBv, then B ← B − λvvᵀ.
    /// </summary>
    /// <param name="a">Symmetric positive semi-definite matrix [d,d], float64.</param>
    /// <param name="start">Start vectors, one row per eigenpair [k,d], float64.</param>
    /// <param name="iterations">Power steps per eigenpair, ≥ 1.</param>
    /// <returns>Eigenvalues [k] (decreasing) and eigenvectors as rows [k,d], sign rule applied.</returns>
    public static (Tensor Eigenvalues, Tensor Eigenvectors) TopEigenpairs(Tensor a, Tensor start, int iterations)
    {
        using var scope = torch.NewDisposeScope();
        long k = start.shape[0];
        var deflated = a.clone();
        var values = new double[k];
        var vectors = new Tensor[k];
        for (long j = 0; j < k; j++)
        {
            var v = start[j] / start[j].norm();
            for (int step = 0; step < iterations; step++)
            {
                Tensor next;
                using (var inner = torch.NewDisposeScope())
                {
                    var w = deflated.mv(v);
                    next = w.div_(w.norm()).MoveToOuterDisposeScope();
                }
                v.Dispose();
                v = next;
            }
            var bv = deflated.mv(v);
            double lambda = v.dot(bv).item<double>();   // Rayleigh quotient; ‖v‖ = 1
            deflated.sub_(v.outer(v).mul_(lambda));    // Hotelling deflation: λ leaves, the other eigenpairs stay
            values[j] = lambda;
            vectors[j] = v;
        }
        var eigenvectors = torch.stack(vectors);
        // Sign rule: the entry of largest |value| of each eigenvector is positive.
        var signs = eigenvectors.gather(1, eigenvectors.abs().argmax(1, true)).sign();
        return (torch.tensor(values).MoveToOuterDisposeScope(), eigenvectors.mul_(signs).MoveToOuterDisposeScope());
    }
}

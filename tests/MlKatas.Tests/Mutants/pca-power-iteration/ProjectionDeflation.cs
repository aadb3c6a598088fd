// Expect: Passed
// Mistake: None: deflation by projection — each step removes the components along the eigenvectors found so far (Gram–Schmidt) instead of changing the matrix; the speed-budget control.
namespace MlKatas.Katas;

public static class PowerIteration
{
    public static (Tensor Eigenvalues, Tensor Eigenvectors) TopEigenpairs(Tensor a, Tensor start, int iterations)
    {
        using var scope = torch.NewDisposeScope();
        long k = start.shape[0], d = a.shape[0];
        var found = torch.zeros(0, d, dtype: float64);
        var eigenvalues = new double[k];
        for (long j = 0; j < k; j++)
        {
            var v = start[j] / start[j].norm();
            for (int step = 0; step < iterations; step++)
            {
                using var inner = torch.NewDisposeScope();
                var w = a.mv(v);
                w = w - found.t().mv(found.mv(w));   // stay orthogonal to the eigenvectors already found
                v = (w / w.norm()).MoveToOuterDisposeScope();
            }
            eigenvalues[j] = v.dot(a.mv(v)).item<double>();
            found = torch.cat(new[] { found, v.unsqueeze(0) });
        }
        var largest = found.abs().argmax(1, true);
        var vectors = found * found.gather(1, largest).sign();
        return (torch.tensor(eigenvalues).MoveToOuterDisposeScope(), vectors.MoveToOuterDisposeScope());
    }
}

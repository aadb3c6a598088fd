// Expect: WrongAnswer
// Mistake: Stops early once the eigenvalue estimate changes by less than 1e-12 relative: λ converges twice as fast as v, so the vectors are still ~1e-6 off.
namespace MlKatas.Katas;

public static class PowerIteration
{
    public static (Tensor Eigenvalues, Tensor Eigenvectors) TopEigenpairs(Tensor a, Tensor start, int iterations)
    {
        using var scope = torch.NewDisposeScope();
        long k = start.shape[0];
        var b = a.clone();
        var values = new double[k];
        var vectors = new List<Tensor>();
        for (long j = 0; j < k; j++)
        {
            var v = start[j] / start[j].norm();
            double previous = double.NaN;
            for (int step = 0; step < iterations; step++)
            {
                var w = b.mv(v);
                v = w / w.norm();
                double estimate = v.dot(b.mv(v)).item<double>();
                if (Math.Abs(estimate - previous) <= 1e-12 * Math.Abs(estimate))
                {
                    break;
                }
                previous = estimate;
            }
            double lambda = v.dot(b.mv(v)).item<double>();
            b = b - lambda * v.outer(v);
            values[j] = lambda;
            vectors.Add(v);
        }
        var eigenvectors = torch.stack(vectors);
        eigenvectors = eigenvectors * eigenvectors.gather(1, eigenvectors.abs().argmax(1, true)).sign();
        return (torch.tensor(values).MoveToOuterDisposeScope(), eigenvectors.MoveToOuterDisposeScope());
    }
}

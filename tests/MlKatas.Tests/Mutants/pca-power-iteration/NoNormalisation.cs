// Expect: NonFinite
// Mistake: Normalises only once, after the loop (v ← Bv each step): ‖A^T v‖ overflows for large eigenvalues and underflows for small ones.
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
            for (int step = 0; step < iterations; step++)
            {
                v = b.mv(v);
            }
            v = v / v.norm();
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

// Expect: TooSlow
// Mistake: Computes each matrix-vector product row by row in a C# loop (one dot product per row) instead of one mv.
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
                var w = RowByRow(b, v);
                v = w / w.norm();
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

    private static Tensor RowByRow(Tensor b, Tensor v)
    {
        long d = b.shape[0];
        var w = new double[d];
        for (long i = 0; i < d; i++)
        {
            using var row = b[i];
            using var dot = row.dot(v);
            w[i] = dot.item<double>();
        }
        return torch.tensor(w);
    }
}

// Expect: WrongAnswer
// Mistake: Orthogonalises each start vector against the eigenvectors found so far once, then iterates on A undeflated: rounding brings the dominant direction back.
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
            var v = start[j].clone();
            foreach (var u in vectors)
            {
                v = v - u.dot(v) * u;
            }
            v = v / v.norm();
            for (int step = 0; step < iterations; step++)
            {
                var w = b.mv(v);
                v = w / w.norm();
            }
            double lambda = v.dot(b.mv(v)).item<double>();
            values[j] = lambda;
            vectors.Add(v);
        }
        var eigenvectors = torch.stack(vectors);
        eigenvectors = eigenvectors * eigenvectors.gather(1, eigenvectors.abs().argmax(1, true)).sign();
        return (torch.tensor(values).MoveToOuterDisposeScope(), eigenvectors.MoveToOuterDisposeScope());
    }
}

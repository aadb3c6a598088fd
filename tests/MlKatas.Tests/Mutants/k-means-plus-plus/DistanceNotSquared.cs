// Expect: WrongAnswer
// Mistake: Samples with probability ∝ D(x), the distance, instead of D(x)² (takes the square root of the squared distance).
namespace MlKatas.Katas;

public static class KMeansPlusPlus
{
    public static (Tensor Indices, Tensor Centres) Seed(Tensor x, Tensor uniforms)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], k = uniforms.shape[0];
        double[] u = uniforms.data<double>().ToArray();
        var indices = new long[k];
        indices[0] = Math.Min((long)Math.Floor(u[0] * n), n - 1);
        var dist = (x - x[indices[0]]).pow(2).sum(dim: 1).sqrt();
        for (long j = 1; j < k; j++)
        {
            var cumulative = dist.cumsum(0);
            var threshold = cumulative[n - 1] * u[j];
            var eligible = (cumulative >= threshold).logical_and(dist > 0);
            long i = eligible.to_type(ScalarType.Int32).argmax().item<long>();
            indices[j] = i;
            dist = torch.minimum(dist, (x - x[i]).pow(2).sum(dim: 1).sqrt());
        }
        var chosen = torch.tensor(indices);
        return (chosen.MoveToOuterDisposeScope(), x.index_select(0, chosen).MoveToOuterDisposeScope());
    }
}

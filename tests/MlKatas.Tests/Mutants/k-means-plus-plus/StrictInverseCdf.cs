// Expect: WrongAnswer
// Mistake: Takes the first index whose cumulative sum is strictly greater than u·total (C > t) instead of C ≥ t.
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
        var d2 = (x - x[indices[0]]).pow(2).sum(dim: 1);
        for (long j = 1; j < k; j++)
        {
            var cumulative = d2.cumsum(0);
            var threshold = cumulative[n - 1] * u[j];
            long i = torch.searchsorted(cumulative, threshold.reshape(1), right: true).item<long>();   // first C > t
            indices[j] = i;
            d2 = torch.minimum(d2, (x - x[i]).pow(2).sum(dim: 1));
        }
        var chosen = torch.tensor(indices);
        return (chosen.MoveToOuterDisposeScope(), x.index_select(0, chosen).MoveToOuterDisposeScope());
    }
}

// Expect: Passed
// Mistake: None: the textbook formulation — probabilities p = D² / ΣD², their running sum compared with u — with the zero-weight rule as a mask; the speed-budget control.
namespace MlKatas.Katas;

public static class KMeansPlusPlus
{
    public static (Tensor Indices, Tensor Centres) Seed(Tensor x, Tensor uniforms)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], k = uniforms.shape[0];
        var chosen = new List<long> { Math.Min((long)Math.Floor(uniforms[0].item<double>() * n), n - 1) };
        var d2 = (x - x[chosen[0]]).pow(2).sum(dim: 1);
        for (long j = 1; j < k; j++)
        {
            using var step = torch.NewDisposeScope();
            var cdf = (d2 / d2.sum()).cumsum(0);
            // Points already covered (D² = 0) can never be picked: push their CDF below any u.
            var masked = cdf.masked_fill(d2 == 0, -1.0);
            long i = (masked >= uniforms[j]).nonzero()[0, 0].item<long>();
            chosen.Add(i);
            d2 = torch.minimum(d2, (x - x[i]).pow(2).sum(dim: 1)).MoveToOuterDisposeScope();
        }
        var indices = torch.tensor(chosen.ToArray());
        return (indices.MoveToOuterDisposeScope(), x[indices].MoveToOuterDisposeScope());
    }
}

// Expect: TooSlow
// Mistake: Walks the cumulative sum point by point in a C# loop, reading one tensor element at a time, where one vectorised comparison exists.
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
            double threshold = d2.sum().item<double>() * u[j];
            double cumulative = 0;
            long i = 0;
            for (; i < n; i++)
            {
                double w = d2[i].item<double>();
                cumulative += w;
                if (w > 0 && cumulative >= threshold)
                {
                    break;
                }
            }
            indices[j] = i;
            d2 = torch.minimum(d2, (x - x[i]).pow(2).sum(dim: 1));
        }
        var chosen = torch.tensor(indices);
        return (chosen.MoveToOuterDisposeScope(), x.index_select(0, chosen).MoveToOuterDisposeScope());
    }
}

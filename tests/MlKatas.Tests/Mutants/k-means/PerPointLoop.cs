// Expect: TooSlow
// Mistake: assigns points one at a time in a C# loop (a Python-style loop where one tensor op exists).
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], k = initialCentroids.shape[0], d = x.shape[1];
        var centroids = initialCentroids.clone();
        var labels = Assign(x, centroids);
        int iterations = 0;
        while (iterations < maxIterations)
        {
            var counts = torch.bincount(labels, minlength: k).to_type(ScalarType.Float64);
            var sums = torch.zeros(k, d, dtype: ScalarType.Float64).index_add_(0, labels, x, 1);
            centroids = torch.where((counts > 0).unsqueeze(1), sums / counts.clamp_min(1).unsqueeze(1), centroids);
            iterations++;
            var next = Assign(x, centroids);
            bool changed = !next.Equals(labels);
            labels = next;
            if (!changed)
            {
                break;
            }
        }
        double inertia = (x - centroids.index_select(0, labels)).pow(2).sum().item<double>();
        return new KMeansResult(centroids.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), inertia, iterations);
    }

    private static Tensor Assign(Tensor x, Tensor centroids)
    {
        long n = x.shape[0];
        var labels = new long[n];
        for (long i = 0; i < n; i++)
        {
            using var point = torch.NewDisposeScope();
            labels[i] = (centroids - x[i]).pow(2).sum(dim: 1).argmin().item<long>();
        }
        return torch.tensor(labels);
    }
}

// Expect: WrongAnswer
// Says: in case random #
// Hostile: is right on inputs shaped like the public cases only (a memorised answer); the hidden random cases catch it.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        // Solves only inputs the size of a public (golden) case, as if their answers were memorised; zeros otherwise.
        if (!PublicSizes.Contains(x.shape[0]))
        {
            return new KMeansResult(torch.zeros_like(initialCentroids), torch.zeros(x.shape[0], ScalarType.Int64), 0, 0);
        }
        using var scope = torch.NewDisposeScope();
        long k = initialCentroids.shape[0];
        var centroids = initialCentroids.clone();
        var labels = Assign(x, centroids);
        int iterations = 0;
        while (iterations < maxIterations)
        {
            var sums = torch.zeros_like(centroids).index_add_(0, labels, x, 1.0);
            var counts = torch.bincount(labels, minlength: k).unsqueeze(1).to_type(ScalarType.Float64);
            var next = torch.where(counts.gt(0), sums / counts, centroids);
            iterations++;
            var nextLabels = Assign(x, next);
            bool changed = !nextLabels.Equals(labels);
            centroids = next;
            labels = nextLabels;
            if (!changed)
            {
                break;
            }
        }
        double inertia = (x - centroids.index_select(0, labels)).pow(2).sum().item<double>();
        return new KMeansResult(centroids.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), inertia, iterations);
    }

    private static Tensor Assign(Tensor x, Tensor centroids) =>
        (x.unsqueeze(1) - centroids.unsqueeze(0)).pow(2).sum(dim: 2).argmin(dim: 1);

    private static readonly long[] PublicSizes = [6, 7, 8, 10, 12, 30, 35, 40, 60, 80, 100, 200, 300, 500];
}

// Expect: WrongAnswer
// Mistake: Does a single update and reassignment instead of iterating until the labels stop changing.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        using var scope = torch.NewDisposeScope();
        long k = initialCentroids.shape[0];
        var centroids = initialCentroids.clone();
        var labels = Assign(x, centroids);
        int iterations = 0;
        if (maxIterations > 0)
        {
            centroids = Update(x, labels, centroids, k);
            iterations++;
            labels = Assign(x, centroids);
        }

        double inertia = (x - centroids[labels]).pow(2).sum().item<double>();
        return new KMeansResult(centroids.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), inertia, iterations);
    }

    private static Tensor Assign(Tensor x, Tensor centroids)
    {
        var distances = x.pow(2).sum(dim: 1, keepdim: true) - 2 * x.matmul(centroids.t()) + centroids.pow(2).sum(dim: 1);
        return distances.argmin(dim: 1);   // first index on ties
    }

    private static Tensor Update(Tensor x, Tensor labels, Tensor centroids, long k)
    {
        var sums = torch.zeros_like(centroids).index_add_(0, labels, x, 1.0);
        var counts = torch.bincount(labels, minlength: k).unsqueeze(1);
        return torch.where(counts > 0, sums / counts, centroids);   // an empty cluster keeps its centroid
    }
}

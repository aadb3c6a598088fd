// Expect: WrongShape
// Says: expected [
// Hostile: returns labels of shape [n, 1] (argmin with keepdim) instead of [n].
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
        return new KMeansResult(centroids.MoveToOuterDisposeScope(), labels.unsqueeze(1).MoveToOuterDisposeScope(), inertia, iterations);
    }

    private static Tensor Assign(Tensor x, Tensor centroids) =>
        (x.unsqueeze(1) - centroids.unsqueeze(0)).pow(2).sum(dim: 2).argmin(dim: 1);
}

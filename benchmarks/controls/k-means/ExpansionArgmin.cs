// Expect: Passed
// Mistake: None: a plainly written vectorised Lloyd's (‖x‖² − 2x·c + ‖c‖² and argmin), the control that calibrates the speed budget.
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
            using var iteration = torch.NewDisposeScope();
            var newCentroids = Update(x, labels, centroids, k);
            iterations++;
            var newLabels = Assign(x, newCentroids);
            bool changed = !newLabels.Equals(labels);
            centroids = newCentroids.MoveToOuterDisposeScope();
            labels = newLabels.MoveToOuterDisposeScope();
            if (!changed)
            {
                break;
            }
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

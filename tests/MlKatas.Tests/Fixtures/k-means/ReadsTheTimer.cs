// Expect: ForbiddenApi
// Says: System.Diagnostics.Stopwatch
// Hostile: reads the timer to behave differently while it is being timed.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        return new KMeansResult(initialCentroids.clone(), torch.zeros(x.shape[0], ScalarType.Int64), now, 0);
    }
}

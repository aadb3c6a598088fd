// Expect: MemoryLimitExceeded
// Says: over the kata's limit
// Hostile: keeps every intermediate alive: 1 GB per step, forever.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        var kept = new List<Tensor>();
        while (true)
        {
            kept.Add(torch.ones(128L << 20, ScalarType.Float64));
        }
    }
}

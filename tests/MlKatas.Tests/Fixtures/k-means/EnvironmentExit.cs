// Expect: RuntimeError
// Says: Environment.Exit(3)
// Hostile: ends the process instead of returning.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        System.Environment.Exit(3);
        return null!;
    }
}

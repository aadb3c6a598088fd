// Expect: ForbiddenApi
// Says: System.Environment
// Hostile: reads a variable of the grading environment.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        string? root = System.Environment.GetEnvironmentVariable("MLKATAS_ROOT");
        return new KMeansResult(initialCentroids.clone(), torch.zeros(x.shape[0], ScalarType.Int64), root?.Length ?? 0, 0);
    }
}

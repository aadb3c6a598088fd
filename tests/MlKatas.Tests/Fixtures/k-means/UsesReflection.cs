// Expect: ForbiddenApi
// Says: System.Reflection
// Hostile: reaches into the grader through reflection to call the reference.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        var reference = typeof(KMeans).Assembly.GetType("MlKatas.Graders.KMeansGrader");
        return new KMeansResult(initialCentroids.clone(), torch.zeros(x.shape[0], ScalarType.Int64), reference is null ? 0 : 1, 0);
    }
}

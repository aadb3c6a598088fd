// Expect: ForbiddenApi
// Says: System.Diagnostics.Process
// Hostile: shells out to Python.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        using var p = System.Diagnostics.Process.Start("python3", "-c \"import sklearn\"");
        p.WaitForExit();
        return new KMeansResult(initialCentroids.clone(), torch.zeros(x.shape[0], ScalarType.Int64), 0, 0);
    }
}

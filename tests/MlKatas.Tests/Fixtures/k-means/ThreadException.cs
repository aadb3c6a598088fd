// Expect: RuntimeError
// Says: an exception escaped a thread the solution started (System.InvalidOperationException: background worker failed)
// Hostile: throws on a thread it started.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        var worker = new System.Threading.Thread(() => throw new InvalidOperationException("background worker failed"));
        worker.Start();
        worker.Join();
        return null!;
    }
}

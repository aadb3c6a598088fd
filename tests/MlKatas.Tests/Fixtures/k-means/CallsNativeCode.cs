// Expect: ForbiddenApi
// Says: extern method getpid
// Hostile: declares a P/Invoke into libc.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int getpid();

    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations) =>
        new(initialCentroids.clone(), torch.zeros(x.shape[0], ScalarType.Int64), getpid(), 0);
}

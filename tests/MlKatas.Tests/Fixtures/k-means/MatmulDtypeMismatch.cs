// Expect: RuntimeError
// Says: libtorch aborted with
// Mistake: mixes float32 and float64 in a matmul, which libtorch aborts on (the process dies, not just the call).
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        var cross = x.matmul(initialCentroids.to_type(ScalarType.Float32).t());
        return new KMeansResult(initialCentroids, cross.argmin(1), 0, 0);
    }
}

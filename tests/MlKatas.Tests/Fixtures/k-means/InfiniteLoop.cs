// Expect: TimeLimitExceeded
// Mistake: a convergence loop whose exit condition can never become true.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        long spins = 0;
        while (spins >= 0)
        {
            spins = (spins + 1) % 1000;
        }
        throw new InvalidOperationException("unreachable");
    }
}

// Expect: WrongAnswer
// Mistake: Returns random centroids, labels, inertia and iteration count of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        long k = initialCentroids.shape[0];
        return new KMeansResult(torch.randn_like(initialCentroids), torch.randint(0, k, new long[] { x.shape[0] }),
            Random.Shared.NextDouble() * 100, Random.Shared.Next(0, Math.Max(1, maxIterations) + 1));
    }
}

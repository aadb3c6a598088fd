// Expect: WrongAnswer
// Mistake: Echoes the initial centroids back as the result, with every point in cluster 0.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        return new KMeansResult(initialCentroids, torch.zeros(x.shape[0], dtype: int64), 0.0, 0);
    }
}

// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtypes without clustering anything.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        return new KMeansResult(torch.zeros_like(initialCentroids), torch.zeros(x.shape[0], dtype: int64), 0.0, 0);
    }
}

// Expect: ForbiddenApi
// Says: System.Net
// Hostile: asks a server for the answer.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        using var http = new System.Net.Http.HttpClient();
        string answer = http.GetStringAsync("http://localhost:8080/k-means").Result;
        return new KMeansResult(initialCentroids.clone(), torch.zeros(x.shape[0], ScalarType.Int64), answer.Length, 0);
    }
}

// Expect: ForbiddenApi
// Says: System.IO.File
// Hostile: reads the golden cases (the expected answers) from disk.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        var bytes = System.IO.File.ReadAllBytes("graders/k-means/cases/01-blobs.safetensors");
        return new KMeansResult(initialCentroids.clone(), torch.zeros(x.shape[0], ScalarType.Int64), bytes.Length, 0);
    }
}

namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="KMeans.Fit"/>.</summary>
/// <param name="Centroids">Final centroids, shape [k, d], float64.</param>
/// <param name="Labels">Index of each point's nearest final centroid, shape [n], int64, values in [0, k).</param>
/// <param name="Inertia">Σᵢ ‖xᵢ − Centroids[Labels[i]]‖², the sum of squared distances to the assigned centroids.</param>
/// <param name="Iterations">Number of centroid updates performed (0 when maxIterations is 0).</param>
public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

/// <summary>
/// Lloyd's k-means algorithm from given initial centroids, following the exact loop in README.md
/// (ties go to the lowest centroid index; an empty cluster keeps its previous centroid).
/// </summary>
public static class KMeans
{
    /// <summary>
    /// Runs Lloyd's algorithm: assign every point to its nearest centroid (squared Euclidean distance), then
    /// alternate "move each centroid to the mean of its points" and "reassign", until no label changes or
    /// <paramref name="maxIterations"/> updates have been made.
    /// </summary>
    /// <param name="x">Points, shape [n, d], float64.</param>
    /// <param name="initialCentroids">Starting centroids C0, shape [k, d], float64. Must not be modified.</param>
    /// <param name="maxIterations">Maximum number of centroid updates, ≥ 0. With 0, return C0 and the labels assigned to C0.</param>
    /// <returns>Final centroids [k, d] float64, labels [n] int64, inertia, and the number of updates performed.</returns>
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

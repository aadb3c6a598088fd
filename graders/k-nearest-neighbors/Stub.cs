namespace MlKatas.Katas;

/// <summary>
/// Brute-force k-nearest-neighbour prediction by Euclidean distance, with the tie rules README.md states (equal
/// distances: lower training index first; a vote tie: the smallest label).
/// </summary>
public static class KNearestNeighbors
{
    /// <summary>
    /// Predicts each query's class as the majority label among its k nearest training points (Euclidean distance; equal
    /// distances are taken in increasing training index; a vote tie goes to the smallest label). A query that coincides
    /// with a training point has that point among its neighbours, at distance 0.
    /// </summary>
    /// <param name="xTrain">Training points, shape [n, d], float64. Must not be modified.</param>
    /// <param name="yTrain">Training labels, shape [n], int64, class indices ≥ 0. Must not be modified.</param>
    /// <param name="xQuery">Query points, shape [m, d], float64. Must not be modified.</param>
    /// <param name="k">Number of neighbours, 1 ≤ k ≤ n.</param>
    /// <returns>Predicted labels, shape [m], int64.</returns>
    public static Tensor Classify(Tensor xTrain, Tensor yTrain, Tensor xQuery, long k)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// Predicts each query's target as the mean of the targets of its k nearest training points (the same neighbours as
    /// <see cref="Classify"/> would use).
    /// </summary>
    /// <param name="xTrain">Training points, shape [n, d], float64. Must not be modified.</param>
    /// <param name="yTrain">Training targets, shape [n], float64. Must not be modified.</param>
    /// <param name="xQuery">Query points, shape [m, d], float64. Must not be modified.</param>
    /// <param name="k">Number of neighbours, 1 ≤ k ≤ n.</param>
    /// <returns>Predicted targets, shape [m], float64.</returns>
    public static Tensor Regress(Tensor xTrain, Tensor yTrain, Tensor xQuery, long k)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

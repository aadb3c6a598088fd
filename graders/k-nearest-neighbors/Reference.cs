namespace MlKatas.Katas;

/// <summary>
/// Reference for the k-nearest-neighbors kata: all query-to-training distances as one matrix product, the k nearest per
/// query as a 0/1 mask (topk, then exact ties at the k-th distance resolved by training index), and votes or means as
/// one more matrix product.
/// </summary>
public static class KNearestNeighbors
{
    /// <summary>Majority label among the k nearest; vote ties to the smallest label.</summary>
    /// <param name="xTrain">[n, d] float64.</param>
    /// <param name="yTrain">[n] int64 labels ≥ 0.</param>
    /// <param name="xQuery">[m, d] float64.</param>
    /// <param name="k">1 ≤ k ≤ n.</param>
    /// <returns>[m] int64.</returns>
    public static Tensor Classify(Tensor xTrain, Tensor yTrain, Tensor xQuery, long k)
    {
        using var scope = torch.NewDisposeScope();
        long classes = yTrain.max().item<long>() + 1;
        var votes = Neighbours(xTrain, xQuery, k).matmul(torch.nn.functional.one_hot(yTrain, classes).to(float64));   // [m, C]
        return votes.argmax(dim: 1).MoveToOuterDisposeScope();   // the first maximum: the smallest label on a vote tie
    }

    /// <summary>Mean target of the k nearest.</summary>
    /// <param name="xTrain">[n, d] float64.</param>
    /// <param name="yTrain">[n] float64.</param>
    /// <param name="xQuery">[m, d] float64.</param>
    /// <param name="k">1 ≤ k ≤ n.</param>
    /// <returns>[m] float64.</returns>
    public static Tensor Regress(Tensor xTrain, Tensor yTrain, Tensor xQuery, long k)
    {
        using var scope = torch.NewDisposeScope();
        return Neighbours(xTrain, xQuery, k).mv(yTrain).div_(k).MoveToOuterDisposeScope();
    }

    // [m, n] float64 with exactly k ones per row: the k nearest training points of each query.
    private static Tensor Neighbours(Tensor xTrain, Tensor xQuery, long k)
    {
        using var scope = torch.NewDisposeScope();
        // Distances do not change under a shift, and ‖q‖² − 2q·x + ‖x‖² is only accurate near the origin: shift both sets
        // by the first training point. That subtraction is exact for integer data (so exact ties stay exact) and for data
        // clustered far from the origin (Sterbenz), where the unshifted expansion would lose everything to cancellation.
        var origin = xTrain[..1];
        var train = xTrain - origin;
        var query = xQuery - origin;
        var distances = query.pow(2).sum(dim: 1, keepdim: true)
            .add(train.pow(2).sum(dim: 1))
            .sub_(query.matmul(train.t()).mul_(2));                                           // [m, n] squared distances
        var (nearest, _) = distances.topk((int)k, dim: 1, largest: false, sorted: true);
        var kth = nearest[.., (int)(k - 1)..(int)k];                                           // [m, 1] the k-th smallest
        var closer = distances.lt(kth);                                                        // all of these are in
        var atKth = distances.eq(kth);
        // Among the points exactly at the k-th distance, take the lowest training indices until there are k.
        var missing = closer.sum(dim: 1, keepdim: true).neg_().add_(k);
        var taken = atKth.logical_and(atKth.cumsum(1).le(missing));
        return closer.logical_or_(taken).to(float64).MoveToOuterDisposeScope();
    }
}

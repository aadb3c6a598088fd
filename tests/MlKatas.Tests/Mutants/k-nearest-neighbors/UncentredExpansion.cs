// Expect: WrongAnswer
// Mistake: Computes squared distances as ‖q‖² − 2q·x + ‖x‖² on the raw coordinates: far from the origin (|x| ≈ 1e7) the
// three terms are ~1e14 and their difference loses ~0.1 to cancellation, so the wrong neighbours are picked.
namespace MlKatas.Katas;

public static class KNearestNeighbors
{
    public static Tensor Classify(Tensor xTrain, Tensor yTrain, Tensor xQuery, long k)
    {
        using var scope = torch.NewDisposeScope();
        var labels = yTrain.index_select(0, Nearest(xTrain, xQuery, k).flatten()).reshape(xQuery.shape[0], -1);   // [m, k]
        long classes = yTrain.max().item<long>() + 1;
        var votes = torch.nn.functional.one_hot(labels, classes).sum(dim: 1);                                      // [m, C]
        return votes.argmax(dim: 1).MoveToOuterDisposeScope();
    }

    public static Tensor Regress(Tensor xTrain, Tensor yTrain, Tensor xQuery, long k)
    {
        using var scope = torch.NewDisposeScope();
        var targets = yTrain.index_select(0, Nearest(xTrain, xQuery, k).flatten()).reshape(xQuery.shape[0], -1);
        return targets.mean(new long[] { 1 }).MoveToOuterDisposeScope();
    }

    // [m, k] indices of the k nearest training points of each query.
    private static Tensor Nearest(Tensor xTrain, Tensor xQuery, long k)
    {
        var distances = xQuery.pow(2).sum(dim: 1, keepdim: true) - 2 * xQuery.matmul(xTrain.t()) + xTrain.pow(2).sum(dim: 1);
        var (_, order) = distances.sort(dim: 1, stable: true);
        return order[.., ..(int)k];
    }
}

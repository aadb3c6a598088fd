// Expect: WrongAnswer
// Mistake: Sorts descending and reverses the order to get "ascending", so among training points at equal distance the
// HIGHER index comes first.
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
        var distances = (xQuery.unsqueeze(1) - xTrain.unsqueeze(0)).pow(2).sum(dim: 2);   // [m, n]
        var (_, descending) = distances.sort(dim: 1, descending: true, stable: true);
        var order = descending.flip(1);
        return order[.., ..(int)k];
    }
}

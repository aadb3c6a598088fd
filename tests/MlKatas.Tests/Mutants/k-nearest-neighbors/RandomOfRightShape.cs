// Expect: WrongAnswer
// Mistake: Returns random training labels / targets, one per query (right shape and dtype).
namespace MlKatas.Katas;

public static class KNearestNeighbors
{
    public static Tensor Classify(Tensor xTrain, Tensor yTrain, Tensor xQuery, long k) =>
        yTrain.index_select(0, torch.randint(0, yTrain.shape[0], new long[] { xQuery.shape[0] }));

    public static Tensor Regress(Tensor xTrain, Tensor yTrain, Tensor xQuery, long k) =>
        yTrain.index_select(0, torch.randint(0, yTrain.shape[0], new long[] { xQuery.shape[0] }));
}

// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtypes: label 0 and target 0 for every query.
namespace MlKatas.Katas;

public static class KNearestNeighbors
{
    public static Tensor Classify(Tensor xTrain, Tensor yTrain, Tensor xQuery, long k) => torch.zeros(xQuery.shape[0], dtype: int64);

    public static Tensor Regress(Tensor xTrain, Tensor yTrain, Tensor xQuery, long k) => torch.zeros(xQuery.shape[0], dtype: float64);
}

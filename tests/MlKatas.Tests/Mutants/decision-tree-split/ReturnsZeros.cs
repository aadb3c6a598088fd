// Expect: WrongShape
// Mistake: Returns zeros: split (0, 0, 0), a one-node tree of zeros, all-zero predictions.
namespace MlKatas.Katas;

public sealed record SplitResult(int Feature, double Threshold, double Gain);

public sealed record TreeModel(Tensor Feature, Tensor Threshold, Tensor Left, Tensor Right, Tensor Prediction);

public static class DecisionTree
{
    public static SplitResult BestSplit(Tensor x, Tensor y, int numClasses, string criterion) => new(0, 0, 0);

    public static TreeModel Fit(Tensor x, Tensor y, int numClasses, string criterion, int maxDepth, int minSamplesSplit) =>
        new(torch.zeros(1, dtype: int64), torch.zeros(1, dtype: float64), torch.zeros(1, dtype: int64),
            torch.zeros(1, dtype: int64), torch.zeros(1, dtype: int64));

    public static Tensor Predict(TreeModel tree, Tensor x) => torch.zeros(x.shape[0], dtype: int64);
}

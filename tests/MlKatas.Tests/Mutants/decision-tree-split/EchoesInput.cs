// Expect: WrongShape
// Mistake: Echoes the input: splits feature 0 at its first value with gain 0, a one-leaf tree predicting y[0], predictions copied from the labels.
namespace MlKatas.Katas;

public sealed record SplitResult(int Feature, double Threshold, double Gain);

public sealed record TreeModel(Tensor Feature, Tensor Threshold, Tensor Left, Tensor Right, Tensor Prediction);

public static class DecisionTree
{
    public static SplitResult BestSplit(Tensor x, Tensor y, int numClasses, string criterion) => new(0, x[0, 0].item<double>(), 0);

    public static TreeModel Fit(Tensor x, Tensor y, int numClasses, string criterion, int maxDepth, int minSamplesSplit) =>
        new(torch.tensor(new long[] { -1 }), torch.zeros(1, dtype: float64), torch.tensor(new long[] { -1 }),
            torch.tensor(new long[] { -1 }), y[..1].clone());

    public static Tensor Predict(TreeModel tree, Tensor x) => tree.Prediction[0].expand(x.shape[0]).clone();
}

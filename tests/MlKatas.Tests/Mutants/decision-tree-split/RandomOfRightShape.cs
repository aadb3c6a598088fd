// Expect: WrongShape
// Mistake: Returns random numbers: a random split, a random three-node tree, random predictions.
namespace MlKatas.Katas;

public sealed record SplitResult(int Feature, double Threshold, double Gain);

public sealed record TreeModel(Tensor Feature, Tensor Threshold, Tensor Left, Tensor Right, Tensor Prediction);

public static class DecisionTree
{
    public static SplitResult BestSplit(Tensor x, Tensor y, int numClasses, string criterion) =>
        new(Random.Shared.Next((int)x.shape[1]), Random.Shared.NextDouble(), Random.Shared.NextDouble());

    public static TreeModel Fit(Tensor x, Tensor y, int numClasses, string criterion, int maxDepth, int minSamplesSplit) =>
        new(torch.tensor(new long[] { Random.Shared.Next((int)x.shape[1]), -1, -1 }), torch.rand(3, dtype: float64),
            torch.tensor(new long[] { 1, -1, -1 }), torch.tensor(new long[] { 2, -1, -1 }), torch.randint(0, numClasses, new long[] { 3 }));

    public static Tensor Predict(TreeModel tree, Tensor x) => torch.randint(0, tree.Prediction.max().item<long>() + 1, new long[] { x.shape[0] });
}

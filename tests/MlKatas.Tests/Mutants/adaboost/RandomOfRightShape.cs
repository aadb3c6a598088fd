// Expect: WrongShape
// Mistake: Returns random numbers: `rounds` random stumps with random alphas, random predictions.
namespace MlKatas.Katas;

public sealed record AdaBoostModel(Tensor Feature, Tensor Threshold, Tensor LeftClass, Tensor RightClass, Tensor Alpha);

public static class AdaBoost
{
    public static AdaBoostModel Fit(Tensor x, Tensor y, int numClasses, int rounds) =>
        new(torch.randint(0, x.shape[1], new long[] { rounds }), torch.randn(rounds, dtype: float64),
            torch.randint(0, numClasses, new long[] { rounds }), torch.randint(0, numClasses, new long[] { rounds }),
            torch.rand(rounds, dtype: float64));

    public static Tensor Predict(AdaBoostModel model, Tensor x, int numClasses) => torch.randint(0, numClasses, new long[] { x.shape[0] });
}

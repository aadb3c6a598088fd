// Expect: WrongShape
// Mistake: Returns zeros: `rounds` stumps of all zeros (feature 0, threshold 0, class 0 both sides, alpha 0), all-zero predictions.
namespace MlKatas.Katas;

public sealed record AdaBoostModel(Tensor Feature, Tensor Threshold, Tensor LeftClass, Tensor RightClass, Tensor Alpha);

public static class AdaBoost
{
    public static AdaBoostModel Fit(Tensor x, Tensor y, int numClasses, int rounds) =>
        new(torch.zeros(rounds, dtype: int64), torch.zeros(rounds, dtype: float64), torch.zeros(rounds, dtype: int64),
            torch.zeros(rounds, dtype: int64), torch.zeros(rounds, dtype: float64));

    public static Tensor Predict(AdaBoostModel model, Tensor x, int numClasses) => torch.zeros(x.shape[0], dtype: int64);
}

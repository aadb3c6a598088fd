// Expect: WrongShape
// Mistake: Echoes the input: `rounds` stumps on feature 0 at the first sample's value, voting for y[0] on both sides with alpha 1; predictions copied from the first labels.
namespace MlKatas.Katas;

public sealed record AdaBoostModel(Tensor Feature, Tensor Threshold, Tensor LeftClass, Tensor RightClass, Tensor Alpha);

public static class AdaBoost
{
    public static AdaBoostModel Fit(Tensor x, Tensor y, int numClasses, int rounds) =>
        new(torch.zeros(rounds, dtype: int64), x[0, 0].expand(rounds).clone(), y[0].expand(rounds).clone(),
            y[0].expand(rounds).clone(), torch.ones(rounds, dtype: float64));

    public static Tensor Predict(AdaBoostModel model, Tensor x, int numClasses) => model.LeftClass[0].expand(x.shape[0]).clone();
}

// Expect: WrongAnswer
// Mistake: Returns random weights of the right shape and dtype and a random bias.
namespace MlKatas.Katas;

public static class RidgeRegression
{
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y, double l2) =>
        (torch.randn(x.shape[1], dtype: float64), Random.Shared.NextDouble());
}

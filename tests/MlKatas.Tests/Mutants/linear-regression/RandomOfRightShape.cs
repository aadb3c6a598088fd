// Expect: WrongAnswer
// Mistake: Returns random weights of the right shape and dtype and a random bias.
namespace MlKatas.Katas;

public static class LinearRegression
{
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y) =>
        (torch.randn(x.shape[1], dtype: float64), Random.Shared.NextDouble());

    public static (Tensor Weights, double Bias) FitGradientDescent(Tensor x, Tensor y, double learningRate, int steps) =>
        (torch.randn(x.shape[1], dtype: float64), Random.Shared.NextDouble());
}

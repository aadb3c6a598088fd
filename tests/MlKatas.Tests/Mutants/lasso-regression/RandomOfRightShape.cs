// Expect: WrongAnswer
// Mistake: Returns random weights of the right shape and dtype, a random bias and a random objective.
namespace MlKatas.Katas;

public sealed record LassoResult(Tensor Weights, double Bias, double Objective);

public static class LassoRegression
{
    public static LassoResult Fit(Tensor x, Tensor y, double alpha, double tol, int maxSweeps) =>
        new(torch.randn(x.shape[1], dtype: float64), Random.Shared.NextDouble(), Random.Shared.NextDouble());
}

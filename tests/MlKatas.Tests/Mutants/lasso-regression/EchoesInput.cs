// Expect: WrongAnswer
// Mistake: Echoes the input back: the first row of x as the weights, y[0] as the bias, alpha as the objective.
namespace MlKatas.Katas;

public sealed record LassoResult(Tensor Weights, double Bias, double Objective);

public static class LassoRegression
{
    public static LassoResult Fit(Tensor x, Tensor y, double alpha, double tol, int maxSweeps) =>
        new(x[0], y[0].item<double>(), alpha);
}

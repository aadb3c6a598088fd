// Expect: WrongAnswer
// Mistake: Returns zero weights, a zero bias and a zero objective.
namespace MlKatas.Katas;

public sealed record LassoResult(Tensor Weights, double Bias, double Objective);

public static class LassoRegression
{
    public static LassoResult Fit(Tensor x, Tensor y, double alpha, double tol, int maxSweeps) =>
        new(torch.zeros(x.shape[1], dtype: float64), 0.0, 0.0);
}

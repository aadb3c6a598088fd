// Expect: WrongAnswer
// Mistake: no intercept at all: solves (xᵀx + l2·I) w = xᵀy and returns b = 0.
namespace MlKatas.Katas;

public static class RidgeRegression
{
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y, double l2)
    {
        using var scope = torch.NewDisposeScope();
        var gram = x.t().matmul(x) + l2 * torch.eye(x.shape[1], dtype: float64);
        return (torch.linalg.solve(gram, x.t().mv(y)).MoveToOuterDisposeScope(), 0.0);
    }
}

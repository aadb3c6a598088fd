// Expect: WrongAnswer
// Mistake: minimises the mean squared residual plus l2·‖w‖² (sklearn's Ridge uses the sum), i.e. l2 acts n times stronger.
namespace MlKatas.Katas;

public static class RidgeRegression
{
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y, double l2)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1];
        // theta = [w; b] on the augmented design [x, 1]
        var xa = torch.cat(new[] { x, torch.ones(n, 1, dtype: float64) }, dim: 1);
        var penalty = torch.full(d + 1, l2, dtype: float64);
        penalty[d] = 0.0;   // the intercept is not penalised
        var gram = xa.t().matmul(xa) / n;
        var theta = torch.linalg.solve(gram + torch.diag(penalty), xa.t().mv(y) / n);
        return (theta[..(int)d].clone().MoveToOuterDisposeScope(), theta[d].item<double>());
    }
}

// Expect: WrongAnswer
// Mistake: penalises the intercept too: (x̃ᵀx̃ + l2·I) θ = x̃ᵀy on [x, 1], shrinking b towards 0.
namespace MlKatas.Katas;

public static class RidgeRegression
{
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y, double l2)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1];
        // theta = [w; b] on the augmented design [x, 1]
        var xa = torch.cat(new[] { x, torch.ones(n, 1, dtype: float64) }, dim: 1);
        var penalty = torch.full(d + 1, l2, dtype: float64);   // b penalised like the weights
        var gram = xa.t().matmul(xa);
        var theta = torch.linalg.solve(gram + torch.diag(penalty), xa.t().mv(y));
        return (theta[..(int)d].clone().MoveToOuterDisposeScope(), theta[d].item<double>());
    }
}

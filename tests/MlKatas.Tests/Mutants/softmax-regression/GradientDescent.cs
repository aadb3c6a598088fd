// Expect: WrongAnswer
// Mistake: Gradient descent with the safe step 1/L (L = σ_max(x̃)²/n + λ, a bound on the curvature) for at most 200 iterations: it never diverges, but it is nowhere near 1e-6 of the optimum on most cases, least of all where a feature is scaled by 100 (the step is set by the stiffest direction, progress by the flattest).
namespace MlKatas.Katas;

public static class SoftmaxRegression
{
    public static (Tensor Weights, Tensor Bias) Fit(Tensor x, Tensor y, int classes, double l2)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1];
        var xa = torch.cat(new[] { x, torch.ones(n, 1, dtype: float64) }, dim: 1);
        var target = torch.nn.functional.one_hot(y, classes).to(float64);
        var reg = torch.full(d + 1, classes, l2, dtype: float64);
        reg[d] = torch.zeros(classes, dtype: float64);
        double sigma = torch.linalg.svdvals(xa)[0].item<double>();
        double step = 1.0 / (sigma * sigma / n + l2);
        var theta = torch.zeros(d + 1, classes, dtype: float64);
        for (int iteration = 0; iteration < 200; iteration++)
        {
            using var inner = torch.NewDisposeScope();
            var p = xa.matmul(theta).softmax(1);
            var gradient = xa.t().matmul(p - target) / n + reg * theta;
            if (gradient.norm().item<double>() <= 1e-11)
            {
                break;
            }
            theta.sub_(gradient * step);
        }

        return (theta.narrow(0, 0, d).clone().MoveToOuterDisposeScope(), theta[d].clone().MoveToOuterDisposeScope());
    }

    public static Tensor PredictProba(Tensor x, Tensor weights, Tensor bias)
    {
        using var scope = torch.NewDisposeScope();
        return (x.matmul(weights) + bias).softmax(1).MoveToOuterDisposeScope();
    }
}

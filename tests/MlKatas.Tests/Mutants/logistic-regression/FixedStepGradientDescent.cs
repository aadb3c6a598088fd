// Expect: WrongAnswer
// Mistake: Plain gradient descent with learning rate 0.1 for 100 steps: nowhere near converged to 1e-6.
namespace MlKatas.Katas;

public static class LogisticRegression
{
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y, double l2)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1];
        var xa = torch.cat(new[] { x, torch.ones(n, 1, dtype: float64) }, dim: 1);   // [x, 1]
        var penalty = torch.full(d + 1, l2, dtype: float64);
        penalty[d] = 0.0;   // the bias is not regularised
        var theta = torch.zeros(d + 1, dtype: float64);
        for (int step = 0; step < 100; step++)
        {
            using var iteration = torch.NewDisposeScope();
            var p = torch.sigmoid(xa.matmul(theta));
            var gradient = xa.t().matmul(p - y) / n + penalty * theta;
            theta.sub_(0.1 * gradient);
        }

        return (theta.narrow(0, 0, d).clone().MoveToOuterDisposeScope(), theta[d].item<double>());
    }

    public static Tensor PredictProba(Tensor x, Tensor weights, double bias)
    {
        using var scope = torch.NewDisposeScope();
        return torch.sigmoid(x.matmul(weights) + bias).MoveToOuterDisposeScope();
    }
}

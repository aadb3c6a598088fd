// Expect: WrongAnswer
// Mistake: Penalised the bias too: the L2 term covers all of [w; b] instead of w only.
namespace MlKatas.Katas;

public static class LogisticRegression
{
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y, double l2)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1];
        var xa = torch.cat(new[] { x, torch.ones(n, 1, dtype: float64) }, dim: 1);   // [x, 1]
        var penalty = torch.full(d + 1, l2, dtype: float64);
        var theta = torch.zeros(d + 1, dtype: float64);
        for (int step = 0; step < 100; step++)
        {
            using var iteration = torch.NewDisposeScope();
            var p = torch.sigmoid(xa.matmul(theta));
            var gradient = xa.t().matmul(p - y) / n + penalty * theta;
            var hessian = xa.t().matmul(xa * (p * (1 - p)).unsqueeze(1)) / n + torch.diag(penalty);
            var delta = torch.linalg.solve(hessian, gradient);
            theta.sub_(delta);
            if (delta.abs().max().item<double>() < 1e-12)
            {
                break;
            }
        }

        return (theta.narrow(0, 0, d).clone().MoveToOuterDisposeScope(), theta[d].item<double>());
    }

    public static Tensor PredictProba(Tensor x, Tensor weights, double bias)
    {
        using var scope = torch.NewDisposeScope();
        return torch.sigmoid(x.matmul(weights) + bias).MoveToOuterDisposeScope();
    }
}

// Expect: WrongAnswer
// Mistake: Used the y ∈ {−1, +1} form of the loss, log(1 + exp(−y z)), with labels in {0, 1}: the negatives contribute nothing.
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
            var yz = y * xa.matmul(theta);   // margins y·z
            var gradient = -xa.t().matmul(y * torch.sigmoid(-yz)) / n + penalty * theta;
            var hessian = xa.t().matmul(xa * (torch.sigmoid(yz) * torch.sigmoid(-yz)).unsqueeze(1)) / n + torch.diag(penalty);
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

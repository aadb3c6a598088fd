// Expect: WrongAnswer
// Mistake: Fits K independent binary logistic regressions (class k against the rest, each with the same L2 and its own unpenalised bias) instead of one multinomial model: different W and b, and probabilities that only sum to 1 after renormalising.
namespace MlKatas.Katas;

public static class SoftmaxRegression
{
    public static (Tensor Weights, Tensor Bias) Fit(Tensor x, Tensor y, int classes, double l2)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1];
        var xa = torch.cat(new[] { x, torch.ones(n, 1, dtype: float64) }, dim: 1);
        var reg = torch.full(d + 1, l2, dtype: float64);
        reg[d] = 0.0;
        var columns = new List<Tensor>();
        for (int k = 0; k < classes; k++)
        {
            var target = y.eq(k).to(float64);
            var theta = torch.zeros(d + 1, dtype: float64);
            for (int step = 0; step < 100; step++)
            {
                using var iteration = torch.NewDisposeScope();
                var p = torch.sigmoid(xa.matmul(theta));
                var gradient = xa.t().matmul(p - target) / n + reg * theta;
                var hessian = xa.t().matmul(xa * (p * (1 - p)).unsqueeze(1)) / n + torch.diag(reg);
                var delta = torch.linalg.solve(hessian, gradient);
                theta.sub_(delta);
                if (delta.abs().max().item<double>() < 1e-13)
                {
                    break;
                }
            }
            columns.Add(theta);
        }
        var all = torch.stack(columns, dim: 1);   // [D, K]
        return (all.narrow(0, 0, d).clone().MoveToOuterDisposeScope(), all[d].clone().MoveToOuterDisposeScope());
    }

    public static Tensor PredictProba(Tensor x, Tensor weights, Tensor bias)
    {
        using var scope = torch.NewDisposeScope();
        return (x.matmul(weights) + bias).softmax(1).MoveToOuterDisposeScope();
    }
}

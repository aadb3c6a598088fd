// Expect: WrongAnswer
// Mistake: PredictProba normalises over the samples (dim 0) instead of over the classes (dim 1): the columns sum to 1, not the rows.
namespace MlKatas.Katas;

public static class SoftmaxRegression
{
    public static (Tensor Weights, Tensor Bias) Fit(Tensor x, Tensor y, int classes, double l2)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1], dim = d + 1, size = dim * classes;
        int k = classes;
        var xa = torch.cat(new[] { x, torch.ones(n, 1, dtype: float64) }, dim: 1);
        var target = torch.nn.functional.one_hot(y, k).to(float64);
        var reg = torch.full(dim, k, l2, dtype: float64);
        reg[d] = torch.zeros(k, dtype: float64);   // the bias is not penalised
        var gauge = torch.zeros(dim, k, dtype: float64);
        gauge[d] = torch.ones(k, dtype: float64);
        gauge = gauge.reshape(size);
        var theta = torch.zeros(dim, k, dtype: float64);

        for (int step = 0; step < 50; step++)
        {
            using var iteration = torch.NewDisposeScope();
            var p = Softmax(xa.matmul(theta));
            var gradient = xa.t().matmul(p - target) / n + reg * theta;
            if (gradient.norm().item<double>() <= 1e-11)   // the statement's stopping rule
            {
                break;
            }
            var a = (xa.unsqueeze(2) * p.unsqueeze(1)).reshape(n, size);
            var first = a.t().matmul(xa).reshape(dim, k, dim, 1) * torch.eye(k, dtype: float64).reshape(1, k, 1, k);
            var hessian = (first.reshape(size, size) - a.t().matmul(a)) / n + torch.diag(reg.reshape(size))
                + torch.outer(gauge, gauge) / k;
            var delta = torch.linalg.solve(hessian, gradient.reshape(size)).reshape(dim, k);
            double t = 1.0, before = Objective(xa, target, theta, reg, n);
            while (Objective(xa, target, theta - t * delta, reg, n) > before && t > 1e-4)
            {
                t /= 2;
            }
            theta.sub_(t * delta);
            if (t * delta.abs().max().item<double>() < 1e-12)
            {
                break;
            }
        }

        return (theta.narrow(0, 0, d).clone().MoveToOuterDisposeScope(), theta[d].clone().MoveToOuterDisposeScope());
    }

    public static Tensor PredictProba(Tensor x, Tensor weights, Tensor bias)
    {
        using var scope = torch.NewDisposeScope();
        return (x.matmul(weights) + bias).softmax(0).MoveToOuterDisposeScope();
    }

    private static Tensor Softmax(Tensor z)
    {
        var e = (z - z.amax(new long[] { 1 }, keepdim: true)).exp();
        return e / e.sum(dim: 1, keepdim: true);
    }

    private static double Objective(Tensor xa, Tensor target, Tensor theta, Tensor reg, long n)
    {
        using var scope = torch.NewDisposeScope();
        var z = xa.matmul(theta);
        double data = (torch.logsumexp(z, 1) - (z * target).sum(dim: 1)).sum().item<double>() / n;
        return data + 0.5 * (reg * theta * theta).sum().item<double>();
    }
}

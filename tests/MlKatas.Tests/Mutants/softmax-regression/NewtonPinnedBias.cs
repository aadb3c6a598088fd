// Expect: Passed
// Mistake: None: plain Newton with the Hessian assembled block by block (a C# loop over class pairs) and the bias made identifiable by pinning the last class's bias to 0 instead of centring it; the control that calibrates the speed budget.
namespace MlKatas.Katas;

public static class SoftmaxRegression
{
    public static (Tensor Weights, Tensor Bias) Fit(Tensor x, Tensor y, int classes, double l2)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1], dim = d + 1;
        int k = classes;
        var xa = torch.cat(new[] { x, torch.ones(n, 1, dtype: float64) }, dim: 1);
        var target = torch.nn.functional.one_hot(y, k).to(float64);
        var penalty = torch.full(dim, l2, dtype: float64);
        penalty[d] = 0.0;
        var theta = torch.zeros(dim, k, dtype: float64);
        long free = dim * k - 1;   // every entry of θ except b_{K−1}, which stays 0

        for (int step = 0; step < 50; step++)
        {
            using var iteration = torch.NewDisposeScope();
            var p = xa.matmul(theta).softmax(1);
            var gradient = xa.t().matmul(p - target) / n + penalty.unsqueeze(1) * theta;   // [D, K]
            if (gradient.norm().item<double>() <= 1e-11)
            {
                break;
            }
            // The K×K blocks of the Hessian, class k against class l, stored with k as the slow index.
            var hessian = torch.zeros(k * dim, k * dim, dtype: float64);
            for (int a = 0; a < k; a++)
            {
                for (int b = 0; b < k; b++)
                {
                    var w = (a == b ? p[.., a] : torch.zeros(n, dtype: float64)) - p[.., a] * p[.., b];
                    var block = xa.t().matmul(xa * w.unsqueeze(1)) / n;
                    if (a == b)
                    {
                        block = block + torch.diag(penalty);
                    }
                    hessian[TensorIndex.Slice(a * dim, (a + 1) * dim), TensorIndex.Slice(b * dim, (b + 1) * dim)] = block;
                }
            }
            var g = gradient.t().reshape(-1);   // class-major, to match the blocks
            var delta = torch.linalg.solve(hessian[..(int)free, ..(int)free], g[..(int)free]);
            var full = torch.cat(new[] { delta, torch.zeros(1, dtype: float64) }).reshape(k, dim).t();
            theta.sub_(full);
            if (delta.abs().max().item<double>() < 1e-12)
            {
                break;
            }
        }

        return (theta.narrow(0, 0, d).clone().MoveToOuterDisposeScope(), theta[d].clone().MoveToOuterDisposeScope());
    }

    public static Tensor PredictProba(Tensor x, Tensor weights, Tensor bias)
    {
        using var scope = torch.NewDisposeScope();
        var z = x.matmul(weights) + bias;
        var e = (z - z.amax(new long[] { 1 }, keepdim: true)).exp();
        return (e / e.sum(dim: 1, keepdim: true)).MoveToOuterDisposeScope();
    }
}

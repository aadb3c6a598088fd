// Expect: Passed
// Mistake: None: a loop over the K components (each vectorised over the points), log-sum-exp by hand — the control that calibrates the speed budget.
namespace MlKatas.Katas;

public sealed record GmmResult(Tensor Weights, Tensor Means, Tensor Variances, Tensor Responsibilities, Tensor LogLikelihoods);

public static class GaussianMixture
{
    public static GmmResult Fit(Tensor x, Tensor weights, Tensor means, Tensor variances, int iterations, double regCovar)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1], k = weights.shape[0];
        var w = weights.clone();
        var mu = means.clone();
        var v = variances.clone();
        var lls = new double[iterations + 1];
        Tensor r;
        for (int t = 0; ; t++)
        {
            var columns = new Tensor[k];
            for (int j = 0; j < k; j++)
            {
                var diff = x - mu[j];
                var logDet = v[j].log().sum();
                columns[j] = w[j].log() - 0.5 * (d * Math.Log(2 * Math.PI) + logDet + (diff * diff / v[j]).sum(dim: 1));
            }
            var logP = torch.stack(columns, dim: 1);                       // [n, K]
            var max = logP.max(dim: 1, keepdim: true).values;
            var ll = max + (logP - max).exp().sum(dim: 1, keepdim: true).log();
            lls[t] = ll.mean().item<double>();
            r = (logP - ll).exp();
            if (t == iterations)
            {
                break;
            }
            var nextMu = torch.empty_like(mu);
            var nextV = torch.empty_like(v);
            var nk = r.sum(dim: 0);
            for (int j = 0; j < k; j++)
            {
                var rj = r[.., j].unsqueeze(1);                              // [n, 1]
                nextMu[j] = (rj * x).sum(dim: 0) / nk[j];
                var diff = x - nextMu[j];
                nextV[j] = (rj * diff * diff).sum(dim: 0) / nk[j] + regCovar;
            }
            w = nk / n;
            mu = nextMu;
            v = nextV;
        }
        return new GmmResult(w.MoveToOuterDisposeScope(), mu.MoveToOuterDisposeScope(), v.MoveToOuterDisposeScope(),
            r.MoveToOuterDisposeScope(), torch.tensor(lls, dtype: float64).MoveToOuterDisposeScope());
    }
}

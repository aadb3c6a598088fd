// Expect: TooSlow
// Mistake: Correct EM, but the E-step loops over the points in C# (one point's [K, d] work per iteration) where one broadcast over all points exists.
namespace MlKatas.Katas;

public sealed record GmmResult(Tensor Weights, Tensor Means, Tensor Variances, Tensor Responsibilities, Tensor LogLikelihoods);

public static class GaussianMixture
{
    public static GmmResult Fit(Tensor x, Tensor weights, Tensor means, Tensor variances, int iterations, double regCovar)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1];
        Tensor w = weights.clone(), mu = means.clone(), v = variances.clone();
        var lls = new List<Tensor>();
        Tensor r;
        for (int t = 0; ; t++)
        {
            var rows = new Tensor[n];
            var pointLl = new Tensor[n];
            var logNorm = w.log() - 0.5 * (d * Math.Log(2 * Math.PI) + v.log().sum(dim: 1));   // [K]
            for (long i = 0; i < n; i++)
            {
                using var inner = torch.NewDisposeScope();
                var lp = logNorm - 0.5 * ((x[i] - mu).square() / v).sum(dim: 1);                   // [K]
                var ll = lp.logsumexp(0);
                pointLl[i] = ll.MoveToOuterDisposeScope();
                rows[i] = (lp - ll).exp().MoveToOuterDisposeScope();
            }
            lls.Add(torch.stack(pointLl).mean());
            r = torch.stack(rows);
            if (t == iterations)
            {
                break;
            }
            var nk = r.sum(dim: 0);
            var newMu = r.t().matmul(x) / nk.unsqueeze(1);
            v = (r.unsqueeze(2) * (x.unsqueeze(1) - newMu.unsqueeze(0)).square()).sum(dim: 0) / nk.unsqueeze(1) + regCovar;
            w = nk / n;
            mu = newMu;
        }
        return new GmmResult(w.MoveToOuterDisposeScope(), mu.MoveToOuterDisposeScope(), v.MoveToOuterDisposeScope(),
            r.MoveToOuterDisposeScope(), torch.stack(lls).MoveToOuterDisposeScope());
    }
}

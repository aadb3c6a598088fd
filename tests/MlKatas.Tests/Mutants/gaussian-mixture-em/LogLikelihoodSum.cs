// Expect: WrongAnswer
// Mistake: Reports the total log-likelihood Σ_i instead of the mean over the points.
namespace MlKatas.Katas;

public sealed record GmmResult(Tensor Weights, Tensor Means, Tensor Variances, Tensor Responsibilities, Tensor LogLikelihoods);

public static class GaussianMixture
{
    public static GmmResult Fit(Tensor x, Tensor weights, Tensor means, Tensor variances, int iterations, double regCovar)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1];
        Tensor w = weights, mu = means, v = variances;
        var lls = new List<Tensor>();
        Tensor r;
        for (int t = 0; ; t++)
        {
            var logP = w.log().unsqueeze(0)
                - 0.5 * (d * Math.Log(2 * Math.PI) + v.log().sum(dim: 1).unsqueeze(0)
                         + ((x.unsqueeze(1) - mu.unsqueeze(0)).square() / v.unsqueeze(0)).sum(dim: 2));
            var ll = logP.logsumexp(1, keepdim: true);
            lls.Add(ll.sum());
            r = (logP - ll).exp();
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
        return new GmmResult(w.clone().MoveToOuterDisposeScope(), mu.clone().MoveToOuterDisposeScope(), v.clone().MoveToOuterDisposeScope(),
            r.MoveToOuterDisposeScope(), torch.stack(lls).MoveToOuterDisposeScope());
    }
}

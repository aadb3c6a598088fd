namespace MlKatas.Katas;

/// <summary>Result of <see cref="GaussianMixture.Fit"/>.</summary>
/// <param name="Weights">Final weights [K].</param>
/// <param name="Means">Final means [K,d].</param>
/// <param name="Variances">Final diagonal variances [K,d].</param>
/// <param name="Responsibilities">Posteriors under the final parameters [n,K].</param>
/// <param name="LogLikelihoods">Mean log-likelihood after t M-steps, t = 0 … iterations.</param>
public sealed record GmmResult(Tensor Weights, Tensor Means, Tensor Variances, Tensor Responsibilities, Tensor LogLikelihoods);

/// <summary>Reference for the gaussian-mixture-em kata: EM for a diagonal Gaussian mixture from given parameters.</summary>
public static class GaussianMixture
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);

    /// <summary>E-step, then (M-step, E-step) <paramref name="iterations"/> times; regCovar is added after each M-step.</summary>
    /// <param name="x">Points [n,d], float64.</param>
    /// <param name="weights">Initial weights [K].</param>
    /// <param name="means">Initial means [K,d].</param>
    /// <param name="variances">Initial variances [K,d].</param>
    /// <param name="iterations">Number of M-steps, ≥ 0.</param>
    /// <param name="regCovar">Variance floor added after each M-step.</param>
    /// <returns>The final parameters, responsibilities and the log-likelihood of every step.</returns>
    public static GmmResult Fit(Tensor x, Tensor weights, Tensor means, Tensor variances, int iterations, double regCovar)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0];
        Tensor w = weights, mu = means, v = variances;
        var logLikelihoods = new List<Tensor>(iterations + 1);
        Tensor responsibilities;
        for (int t = 0; ; t++)
        {
            var (pointLogLikelihood, logResponsibilities) = EStep(x, w, mu, v);
            logLikelihoods.Add(pointLogLikelihood.mean());
            responsibilities = logResponsibilities.exp_();
            if (t == iterations)
            {
                break;
            }

            // M-step: the variance is taken around the NEW means (two passes), which stays exact far from the origin.
            var nk = responsibilities.sum(dim: 0);                                             // [K]
            var newMu = responsibilities.t().matmul(x).div_(nk.unsqueeze(1));                  // [K,d]
            var squared = (x.unsqueeze(1) - newMu.unsqueeze(0)).pow_(2);                     // [n,K,d]
            v = squared.mul_(responsibilities.unsqueeze(2)).sum(dim: 0).div_(nk.unsqueeze(1)).add_(regCovar);
            w = nk.div(n);
            mu = newMu;
        }

        // Fresh tensors even when iterations = 0: the caller's inputs are never handed back.
        return new GmmResult(w.clone().MoveToOuterDisposeScope(), mu.clone().MoveToOuterDisposeScope(), v.clone().MoveToOuterDisposeScope(),
            responsibilities.MoveToOuterDisposeScope(), torch.stack(logLikelihoods).MoveToOuterDisposeScope());
    }

    // log p[i,k] = log w_k + log N(x_i | mu_k, diag v_k); returns each point's log-likelihood (log-sum-exp over k, which
    // subtracts the row maximum, so a point far from every component stays finite) and the log-responsibilities.
    private static (Tensor PointLogLikelihood, Tensor LogResponsibilities) EStep(Tensor x, Tensor w, Tensor mu, Tensor v)
    {
        long d = x.shape[1];
        var quad = (x.unsqueeze(1) - mu.unsqueeze(0)).pow_(2).div_(v.unsqueeze(0)).sum(dim: 2);         // [n,K]
        var logNormaliser = v.log().sum(dim: 1).add_(d * Log2Pi).mul_(-0.5).add_(w.log());                 // [K]
        var logP = quad.mul_(-0.5).add_(logNormaliser.unsqueeze(0));
        var pointLogLikelihood = logP.logsumexp(1, keepdim: true);                                         // [n,1]
        return (pointLogLikelihood.squeeze(1), logP.sub_(pointLogLikelihood));
    }
}

// Expect: WrongAnswer
// Mistake: Echoes the initial parameters back, with uniform responsibilities and zero log-likelihoods.
namespace MlKatas.Katas;

public sealed record GmmResult(Tensor Weights, Tensor Means, Tensor Variances, Tensor Responsibilities, Tensor LogLikelihoods);

public static class GaussianMixture
{
    public static GmmResult Fit(Tensor x, Tensor weights, Tensor means, Tensor variances, int iterations, double regCovar)
    {
        long k = weights.shape[0];
        return new GmmResult(weights.clone(), means.clone(), variances.clone(),
            torch.full(new long[] { x.shape[0], k }, 1.0 / k, dtype: float64), torch.zeros(iterations + 1, dtype: float64));
    }
}

// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtypes without running EM.
namespace MlKatas.Katas;

public sealed record GmmResult(Tensor Weights, Tensor Means, Tensor Variances, Tensor Responsibilities, Tensor LogLikelihoods);

public static class GaussianMixture
{
    public static GmmResult Fit(Tensor x, Tensor weights, Tensor means, Tensor variances, int iterations, double regCovar)
    {
        return new GmmResult(torch.zeros_like(weights), torch.zeros_like(means), torch.zeros_like(variances),
            torch.zeros(x.shape[0], weights.shape[0], dtype: float64), torch.zeros(iterations + 1, dtype: float64));
    }
}

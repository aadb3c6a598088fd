// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shapes and dtypes (responsibilities normalised per row).
namespace MlKatas.Katas;

public sealed record GmmResult(Tensor Weights, Tensor Means, Tensor Variances, Tensor Responsibilities, Tensor LogLikelihoods);

public static class GaussianMixture
{
    public static GmmResult Fit(Tensor x, Tensor weights, Tensor means, Tensor variances, int iterations, double regCovar)
    {
        var w = torch.rand_like(weights);
        var r = torch.rand(x.shape[0], weights.shape[0], dtype: float64);
        return new GmmResult(w / w.sum(), torch.randn_like(means), torch.rand_like(variances),
            r / r.sum(dim: 1, keepdim: true), -torch.rand(iterations + 1, dtype: float64) * 10);
    }
}

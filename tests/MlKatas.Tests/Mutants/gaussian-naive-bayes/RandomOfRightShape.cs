// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shapes and dtypes (positive priors and variances, negative log-values).
namespace MlKatas.Katas;

public sealed record GaussianNbModel(Tensor Priors, Tensor Means, Tensor Variances);

public static class GaussianNaiveBayes
{
    public static GaussianNbModel Fit(Tensor x, Tensor y, double varSmoothing)
    {
        long d = x.shape[1], classes = y.max().item<long>() + 1;
        return new GaussianNbModel(torch.rand(classes, dtype: float64), torch.randn(classes, d, dtype: float64), torch.rand(classes, d, dtype: float64) + 0.1);
    }

    public static Tensor JointLogLikelihood(Tensor x, Tensor priors, Tensor means, Tensor variances) =>
        -torch.rand(x.shape[0], priors.shape[0], dtype: float64) * 10;

    public static Tensor PredictLogProba(Tensor x, Tensor priors, Tensor means, Tensor variances) =>
        -torch.rand(x.shape[0], priors.shape[0], dtype: float64) * 10;
}

// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtypes for the model and both predictions.
namespace MlKatas.Katas;

public sealed record GaussianNbModel(Tensor Priors, Tensor Means, Tensor Variances);

public static class GaussianNaiveBayes
{
    public static GaussianNbModel Fit(Tensor x, Tensor y, double varSmoothing)
    {
        long d = x.shape[1], classes = y.max().item<long>() + 1;
        return new GaussianNbModel(torch.zeros(classes, dtype: float64), torch.zeros(classes, d, dtype: float64), torch.zeros(classes, d, dtype: float64));
    }

    public static Tensor JointLogLikelihood(Tensor x, Tensor priors, Tensor means, Tensor variances) =>
        torch.zeros(x.shape[0], priors.shape[0], dtype: float64);

    public static Tensor PredictLogProba(Tensor x, Tensor priors, Tensor means, Tensor variances) =>
        torch.zeros(x.shape[0], priors.shape[0], dtype: float64);
}

namespace MlKatas.Katas;

/// <summary>A fitted Gaussian naive Bayes model (see README.md).</summary>
/// <param name="Priors">Class priors, shape [C], float64: the fraction of training samples in each class.</param>
/// <param name="Means">Per-class feature means, shape [C, d], float64.</param>
/// <param name="Variances">Per-class biased feature variances plus epsilon, shape [C, d], float64.</param>
public sealed record GaussianNbModel(Tensor Priors, Tensor Means, Tensor Variances);

/// <summary>
/// Gaussian naive Bayes as scikit-learn 1.2's <c>GaussianNB(var_smoothing=…)</c>: fit, joint log-likelihood and
/// normalised log-probabilities.
/// </summary>
public static class GaussianNaiveBayes
{
    /// <summary>
    /// Fits the model: priors = class frequencies, per-class means, per-class biased variances (divide by the class
    /// count) plus epsilon = varSmoothing · the largest biased variance of any feature over all samples.
    /// </summary>
    /// <param name="x">Training features, shape [n, d], float64. Must not be modified.</param>
    /// <param name="y">Training classes, shape [n], int64, values 0..C−1 with every class present. Must not be modified.</param>
    /// <param name="varSmoothing">Fraction of the largest feature variance added to every variance, ≥ 0.</param>
    /// <returns>The priors [C], means [C, d] and variances [C, d], float64.</returns>
    public static GaussianNbModel Fit(Tensor x, Tensor y, double varSmoothing)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// log P(c) + Σⱼ log N(x_j; mean_cj, variance_cj) for every sample and class: the unnormalised log-posterior.
    /// </summary>
    /// <param name="x">Samples, shape [m, d], float64. Must not be modified.</param>
    /// <param name="priors">Class priors, shape [C], float64, all &gt; 0.</param>
    /// <param name="means">Means, shape [C, d], float64.</param>
    /// <param name="variances">Variances, shape [C, d], float64, all &gt; 0.</param>
    /// <returns>Joint log-likelihoods, shape [m, C], float64.</returns>
    public static Tensor JointLogLikelihood(Tensor x, Tensor priors, Tensor means, Tensor variances)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// log P(c | x): the joint log-likelihoods normalised over the classes with a numerically stable log-sum-exp.
    /// </summary>
    /// <param name="x">Samples, shape [m, d], float64. Must not be modified.</param>
    /// <param name="priors">Class priors, shape [C], float64, all &gt; 0.</param>
    /// <param name="means">Means, shape [C, d], float64.</param>
    /// <param name="variances">Variances, shape [C, d], float64, all &gt; 0.</param>
    /// <returns>Log-probabilities, shape [m, C], float64; each row's exponentials sum to 1.</returns>
    public static Tensor PredictLogProba(Tensor x, Tensor priors, Tensor means, Tensor variances)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

namespace MlKatas.Katas;

/// <summary>Result of <see cref="GaussianNaiveBayes.Fit"/>.</summary>
/// <param name="Priors">[C] float64.</param>
/// <param name="Means">[C, d] float64.</param>
/// <param name="Variances">[C, d] float64, epsilon included.</param>
public sealed record GaussianNbModel(Tensor Priors, Tensor Means, Tensor Variances);

/// <summary>Reference for the gaussian-naive-bayes kata: per-class statistics by index_add_, two passes for the variances.</summary>
public static class GaussianNaiveBayes
{
    /// <summary>Priors, means and biased variances per class (two passes: deviations from the class mean), plus epsilon.</summary>
    /// <param name="x">[n, d] float64.</param>
    /// <param name="y">[n] int64, 0..C−1, every class present.</param>
    /// <param name="varSmoothing">≥ 0.</param>
    /// <returns>The model.</returns>
    public static GaussianNbModel Fit(Tensor x, Tensor y, double varSmoothing)
    {
        using var scope = torch.NewDisposeScope();
        long d = x.shape[1], classes = y.max().item<long>() + 1;
        var counts = torch.bincount(y, minlength: classes).to(float64).unsqueeze(1);                // [C, 1]
        var means = torch.zeros(classes, d, dtype: float64).index_add_(0, y, x, 1.0).div_(counts);   // [C, d]
        // Deviations from the class mean, squared: accurate even far from the origin, unlike E[x²] − E[x]².
        var deviations = (x - means.index_select(0, y)).pow_(2);
        var variances = torch.zeros(classes, d, dtype: float64).index_add_(0, y, deviations, 1.0).div_(counts);
        double epsilon = varSmoothing * (x - x.mean([0])).pow_(2).mean([0]).max().item<double>();   // biased, all samples
        var priors = counts.squeeze(1).div_(x.shape[0]);
        return new GaussianNbModel(priors.MoveToOuterDisposeScope(), means.MoveToOuterDisposeScope(),
            variances.add_(epsilon).MoveToOuterDisposeScope());
    }

    /// <summary>log prior − ½ Σⱼ log(2π var) − ½ Σⱼ (x − mean)² / var, with the differences taken directly.</summary>
    /// <param name="x">[m, d] float64.</param>
    /// <param name="priors">[C].</param>
    /// <param name="means">[C, d].</param>
    /// <param name="variances">[C, d].</param>
    /// <returns>[m, C] float64.</returns>
    public static Tensor JointLogLikelihood(Tensor x, Tensor priors, Tensor means, Tensor variances)
    {
        using var scope = torch.NewDisposeScope();
        var perClass = priors.log() - variances.mul(2 * Math.PI).log_().sum(dim: 1).mul_(0.5);      // [C]
        var squared = (x.unsqueeze(1) - means.unsqueeze(0)).pow_(2).div_(variances.unsqueeze(0));   // [m, C, d]
        return squared.sum(dim: 2).mul_(-0.5).add_(perClass).MoveToOuterDisposeScope();
    }

    /// <summary>The joint log-likelihood minus its log-sum-exp over the classes (logsumexp subtracts the row max).</summary>
    /// <param name="x">[m, d] float64.</param>
    /// <param name="priors">[C].</param>
    /// <param name="means">[C, d].</param>
    /// <param name="variances">[C, d].</param>
    /// <returns>[m, C] float64.</returns>
    public static Tensor PredictLogProba(Tensor x, Tensor priors, Tensor means, Tensor variances)
    {
        using var scope = torch.NewDisposeScope();
        var joint = JointLogLikelihood(x, priors, means, variances);
        return joint.sub_(joint.logsumexp(1, keepdim: true)).MoveToOuterDisposeScope();
    }
}

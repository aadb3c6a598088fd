// Expect: NonFinite
// Mistake: Normalises with log(Σ exp(jll)) without subtracting the row maximum: far from every class mean all jll are
// below −745, exp underflows to 0, and log(0) = −∞ makes every log-probability +∞.
namespace MlKatas.Katas;

public sealed record GaussianNbModel(Tensor Priors, Tensor Means, Tensor Variances);

public static class GaussianNaiveBayes
{
    public static GaussianNbModel Fit(Tensor x, Tensor y, double varSmoothing)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1], classes = y.max().item<long>() + 1;
        var priors = torch.zeros(classes, dtype: float64);
        var means = torch.zeros(classes, d, dtype: float64);
        var variances = torch.zeros(classes, d, dtype: float64);
        for (long c = 0; c < classes; c++)
        {
            var members = x[y == c];                                   // [n_c, d]
            priors[c] = torch.tensor((double)members.shape[0] / n, dtype: float64);
            means[c] = members.mean(new long[] { 0 });
            variances[c] = members.var(0, unbiased: false);
        }
        double epsilon = varSmoothing * x.var(0, unbiased: false).max().item<double>();
        return new GaussianNbModel(priors.MoveToOuterDisposeScope(), means.MoveToOuterDisposeScope(), (variances + epsilon).MoveToOuterDisposeScope());
    }

    public static Tensor JointLogLikelihood(Tensor x, Tensor priors, Tensor means, Tensor variances)
    {
        using var scope = torch.NewDisposeScope();
        long classes = priors.shape[0];
        var columns = new Tensor[classes];
        for (long c = 0; c < classes; c++)
        {
            double constant = Math.Log(priors[c].item<double>()) - 0.5 * torch.log(2 * Math.PI * variances[c]).sum().item<double>();
            columns[c] = -0.5 * ((x - means[c]).pow(2) / variances[c]).sum(dim: 1) + constant;
        }
        return torch.stack(columns, dim: 1).MoveToOuterDisposeScope();
    }

    public static Tensor PredictLogProba(Tensor x, Tensor priors, Tensor means, Tensor variances)
    {
        using var scope = torch.NewDisposeScope();
        var joint = JointLogLikelihood(x, priors, means, variances);
        return (joint - joint.exp().sum(dim: 1, keepdim: true).log()).MoveToOuterDisposeScope();
    }
}

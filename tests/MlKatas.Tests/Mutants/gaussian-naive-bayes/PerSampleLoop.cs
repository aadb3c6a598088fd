// Expect: TooSlow
// Mistake: Computes the joint log-likelihood one sample at a time in a C# loop (a row of [C, d] tensor work per
// sample) — a Python-style loop where one broadcast over all samples exists. PredictLogProba reuses it.
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
        long m = x.shape[0];
        var constant = priors.log() - 0.5 * torch.log(2 * Math.PI * variances).sum(dim: 1);   // [C]
        var rows = new Tensor[m];
        for (long i = 0; i < m; i++)
        {
            var squared = (x[i] - means).pow(2) / variances;                               // [C, d]
            rows[i] = -0.5 * squared.sum(dim: 1) + constant;
        }
        return torch.stack(rows);
    }

    public static Tensor PredictLogProba(Tensor x, Tensor priors, Tensor means, Tensor variances)
    {
        using var scope = torch.NewDisposeScope();
        var joint = JointLogLikelihood(x, priors, means, variances);
        return torch.nn.functional.log_softmax(joint, 1).MoveToOuterDisposeScope();
    }
}

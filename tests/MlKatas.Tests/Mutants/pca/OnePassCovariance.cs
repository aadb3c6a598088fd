// Expect: WrongAnswer
// Mistake: One-pass covariance (Σxxᵀ − n·μμᵀ)/(n − 1): far from the origin it cancels 1e12 against 1e12.
namespace MlKatas.Katas;

public sealed record PcaResult(Tensor Components, Tensor ExplainedVariance, Tensor ExplainedVarianceRatio, Tensor Projection);

public static class Pca
{
    public static PcaResult Fit(Tensor x, int nComponents, Tensor points)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0];
        var mean = x.mean(new long[] { 0 });
        var centred = x - mean;
        var covariance = (x.t().matmul(x) - n * mean.outer(mean)) / (n - 1);
        var (values, vectors) = torch.linalg.eigh(covariance);
        var variances = values.flip(0)[..nComponents].contiguous();
        var axes = vectors.flip(1)[.., ..nComponents].t();
        var components = axes;
        var top = components.abs().argmax(1, true);
        components = components * components.gather(1, top).sign();
        var ratio = variances / covariance.trace();
        var projection = (points - mean).matmul(components.t());
        return new PcaResult(components.MoveToOuterDisposeScope(), variances.MoveToOuterDisposeScope(),
            ratio.MoveToOuterDisposeScope(), projection.MoveToOuterDisposeScope());
    }
}

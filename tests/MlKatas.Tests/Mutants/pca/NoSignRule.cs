// Expect: WrongAnswer
// Mistake: Returns eigh's eigenvectors with whatever signs LAPACK gave them (no sign rule).
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
        var covariance = centred.t().matmul(centred) / (n - 1);
        var (values, vectors) = torch.linalg.eigh(covariance);
        var variances = values.flip(0)[..nComponents].contiguous();
        var axes = vectors.flip(1)[.., ..nComponents].t();
        var components = axes;
        var ratio = variances / covariance.trace();
        var projection = (points - mean).matmul(components.t());
        return new PcaResult(components.MoveToOuterDisposeScope(), variances.MoveToOuterDisposeScope(),
            ratio.MoveToOuterDisposeScope(), projection.MoveToOuterDisposeScope());
    }
}

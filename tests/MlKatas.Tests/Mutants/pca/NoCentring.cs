// Expect: WrongAnswer
// Mistake: Forgets to centre: decomposes xᵀx/(n − 1) of the raw data and projects the raw points.
namespace MlKatas.Katas;

public sealed record PcaResult(Tensor Components, Tensor ExplainedVariance, Tensor ExplainedVarianceRatio, Tensor Projection);

public static class Pca
{
    public static PcaResult Fit(Tensor x, int nComponents, Tensor points)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0];
        var mean = x.mean(new long[] { 0 });
        var centred = x;
        var covariance = centred.t().matmul(centred) / (n - 1);
        var (values, vectors) = torch.linalg.eigh(covariance);
        var variances = values.flip(0)[..nComponents].contiguous();
        var axes = vectors.flip(1)[.., ..nComponents].t();
        var components = axes;
        var top = components.abs().argmax(1, true);
        components = components * components.gather(1, top).sign();
        var ratio = variances / covariance.trace();
        var projection = (points).matmul(components.t());
        return new PcaResult(components.MoveToOuterDisposeScope(), variances.MoveToOuterDisposeScope(),
            ratio.MoveToOuterDisposeScope(), projection.MoveToOuterDisposeScope());
    }
}

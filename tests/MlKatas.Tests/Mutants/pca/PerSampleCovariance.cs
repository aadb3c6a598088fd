// Expect: TooSlow
// Mistake: Accumulates the covariance one sample at a time (an outer product per row in a C# loop) instead of one matmul.
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
        var covariance = PerSample(centred) / (n - 1);
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

    private static Tensor PerSample(Tensor centred)
    {
        long n = centred.shape[0], d = centred.shape[1];
        var sum = torch.zeros(d, d, dtype: float64);
        for (long i = 0; i < n; i++)
        {
            using var row = centred[i];
            using var outer = row.outer(row);
            sum.add_(outer);
        }
        return sum;
    }
}

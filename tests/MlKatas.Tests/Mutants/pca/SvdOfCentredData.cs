// Expect: Passed
// Mistake: None: scikit-learn's route — an SVD of the centred data, variances S²/(n − 1) — instead of eigh of the covariance; the speed-budget control.
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
        var (_, s, vh) = torch.linalg.svd(centred, fullMatrices: false);   // singular values descending
        var allVariances = s.pow(2) / (n - 1);
        var variances = allVariances[..nComponents];
        var components = vh[..nComponents];
        var largest = components.abs().argmax(1, true);
        components = components * components.gather(1, largest).sign();
        var ratio = variances / allVariances.sum();
        var projection = (points - mean).matmul(components.t());
        return new PcaResult(components.MoveToOuterDisposeScope(), variances.MoveToOuterDisposeScope(),
            ratio.MoveToOuterDisposeScope(), projection.MoveToOuterDisposeScope());
    }
}

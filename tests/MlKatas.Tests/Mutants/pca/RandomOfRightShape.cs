// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record PcaResult(Tensor Components, Tensor ExplainedVariance, Tensor ExplainedVarianceRatio, Tensor Projection);

public static class Pca
{
    public static PcaResult Fit(Tensor x, int nComponents, Tensor points) =>
        new(torch.randn(nComponents, x.shape[1], dtype: float64), torch.rand(nComponents, dtype: float64),
            torch.rand(nComponents, dtype: float64), torch.randn(points.shape[0], nComponents, dtype: float64));
}

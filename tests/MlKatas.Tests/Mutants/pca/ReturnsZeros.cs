// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtypes without computing anything.
namespace MlKatas.Katas;

public sealed record PcaResult(Tensor Components, Tensor ExplainedVariance, Tensor ExplainedVarianceRatio, Tensor Projection);

public static class Pca
{
    public static PcaResult Fit(Tensor x, int nComponents, Tensor points)
    {
        long d = x.shape[1], m = points.shape[0];
        return new PcaResult(torch.zeros(nComponents, d, dtype: float64), torch.zeros(nComponents, dtype: float64),
            torch.zeros(nComponents, dtype: float64), torch.zeros(m, nComponents, dtype: float64));
    }
}

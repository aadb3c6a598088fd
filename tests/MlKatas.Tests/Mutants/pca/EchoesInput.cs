// Expect: WrongAnswer
// Mistake: Echoes the input back: the first k rows of x as the components, the first k coordinates of the first row and of the points as variances, ratios and projection.
namespace MlKatas.Katas;

public sealed record PcaResult(Tensor Components, Tensor ExplainedVariance, Tensor ExplainedVarianceRatio, Tensor Projection);

public static class Pca
{
    public static PcaResult Fit(Tensor x, int nComponents, Tensor points) =>
        new(x[..nComponents].clone(), x[0, ..nComponents].clone(), x[0, ..nComponents].clone(), points[.., ..nComponents].clone());
}

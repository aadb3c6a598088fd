// Expect: WrongAnswer
// Mistake: Returns random alphas in [0, C], a random bias and random decision values of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record SvmResult(Tensor Alpha, double Bias, Tensor Decision);

public static class SoftMarginSvm
{
    public static SvmResult Fit(Tensor x, Tensor y, Tensor queries, double c, string kernel, double gamma)
    {
        return new SvmResult(torch.rand(x.shape[0], dtype: float64) * c, Random.Shared.NextDouble() * 2 - 1,
            torch.randn(queries.shape[0], dtype: float64));
    }
}

// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtypes (alpha = 0 is feasible, but the decision values are all 0).
namespace MlKatas.Katas;

public sealed record SvmResult(Tensor Alpha, double Bias, Tensor Decision);

public static class SoftMarginSvm
{
    public static SvmResult Fit(Tensor x, Tensor y, Tensor queries, double c, string kernel, double gamma)
    {
        return new SvmResult(torch.zeros(x.shape[0], dtype: float64), 0.0, torch.zeros(queries.shape[0], dtype: float64));
    }
}

// Expect: WrongAnswer
// Mistake: Echoes the inputs back: the labels as alphas and the queries' first feature as the decision values.
namespace MlKatas.Katas;

public sealed record SvmResult(Tensor Alpha, double Bias, Tensor Decision);

public static class SoftMarginSvm
{
    public static SvmResult Fit(Tensor x, Tensor y, Tensor queries, double c, string kernel, double gamma)
    {
        return new SvmResult(y, 0.0, queries.select(1, 0));
    }
}

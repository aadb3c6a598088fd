// Expect: WrongAnswer
// Mistake: Echoes its input back: the first column of the table as arms and regret, the first row as counts and values.
namespace MlKatas.Katas;

public sealed record UcbOutput(Tensor Arms, Tensor Counts, Tensor Values, Tensor Regret);

public static class Ucb
{
    public static UcbOutput Run(Tensor rewards, double c)
    {
        return new UcbOutput(rewards[.., 0].to_type(ScalarType.Int64), rewards[0].to_type(ScalarType.Int64), rewards[0], rewards[.., 0]);
    }
}

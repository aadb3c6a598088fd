// Expect: WrongAnswer
// Mistake: Returns random arms, counts, values and regret of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record UcbOutput(Tensor Arms, Tensor Counts, Tensor Values, Tensor Regret);

public static class Ucb
{
    public static UcbOutput Run(Tensor rewards, double c)
    {
        long steps = rewards.shape[0], k = rewards.shape[1];
        return new UcbOutput(torch.randint(k, [steps], dtype: ScalarType.Int64), torch.randint(steps + 1, [k], dtype: ScalarType.Int64),
            torch.randn(k, dtype: ScalarType.Float64), torch.randn(steps, dtype: ScalarType.Float64));
    }
}

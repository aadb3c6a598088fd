// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record UcbOutput(Tensor Arms, Tensor Counts, Tensor Values, Tensor Regret);

public static class Ucb
{
    public static UcbOutput Run(Tensor rewards, double c)
    {
        long steps = rewards.shape[0], k = rewards.shape[1];
        return new UcbOutput(torch.zeros(steps, dtype: ScalarType.Int64), torch.zeros(k, dtype: ScalarType.Int64),
            torch.zeros(k, dtype: ScalarType.Float64), torch.zeros(steps, dtype: ScalarType.Float64));
    }
}

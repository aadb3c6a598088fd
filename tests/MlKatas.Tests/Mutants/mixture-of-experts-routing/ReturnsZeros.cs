// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record MoeRouting(Tensor Experts, Tensor Gates, Tensor Slots, Tensor AuxLoss);

public static class MoeRouter
{
    public static MoeRouting Route(Tensor logits, long k, double capacityFactor)
    {
        long n = logits.shape[0];
        return new MoeRouting(torch.zeros(n, k, dtype: ScalarType.Int64), torch.zeros(n, k, dtype: logits.dtype),
            torch.zeros(n, k, dtype: ScalarType.Int64), torch.zeros(1, dtype: logits.dtype));
    }
}

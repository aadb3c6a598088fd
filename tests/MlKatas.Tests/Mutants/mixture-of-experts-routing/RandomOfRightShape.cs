// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record MoeRouting(Tensor Experts, Tensor Gates, Tensor Slots, Tensor AuxLoss);

public static class MoeRouter
{
    public static MoeRouting Route(Tensor logits, long k, double capacityFactor)
    {
        long n = logits.shape[0], e = logits.shape[1];
        return new MoeRouting(torch.randint(0, e, [n, k]), torch.rand(n, k, dtype: logits.dtype),
            torch.randint(-1, 3, [n, k]), torch.rand(1, dtype: logits.dtype));
    }
}

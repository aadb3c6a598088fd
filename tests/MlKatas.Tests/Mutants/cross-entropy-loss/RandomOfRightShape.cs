// Expect: WrongAnswer
// Mistake: Returns a random positive scalar of the right shape and dtype.
namespace MlKatas.Katas;

public static class CrossEntropy
{
    public static Tensor Loss(Tensor logits, Tensor targets, double labelSmoothing, long ignoreIndex) =>
        torch.rand(Array.Empty<long>(), dtype: logits.dtype) * 5;
}

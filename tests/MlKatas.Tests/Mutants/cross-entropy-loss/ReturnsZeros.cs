// Expect: WrongAnswer
// Mistake: Returns a zero loss of the right shape and dtype without computing anything.
namespace MlKatas.Katas;

public static class CrossEntropy
{
    public static Tensor Loss(Tensor logits, Tensor targets, double labelSmoothing, long ignoreIndex) =>
        torch.zeros(Array.Empty<long>(), dtype: logits.dtype);
}

// Expect: ForbiddenApi
// Mistake: Calls the built-in cross_entropy (which has label_smoothing and ignore_index) instead of writing the loss.
namespace MlKatas.Katas;

public static class CrossEntropy
{
    public static Tensor Loss(Tensor logits, Tensor targets, double labelSmoothing, long ignoreIndex) =>
        torch.nn.functional.cross_entropy(logits, targets, ignore_index: ignoreIndex, label_smoothing: labelSmoothing);
}

// Expect: WrongAnswer
// Mistake: Echoes its input back: the first logit of the first row as the loss.
namespace MlKatas.Katas;

public static class CrossEntropy
{
    public static Tensor Loss(Tensor logits, Tensor targets, double labelSmoothing, long ignoreIndex) => logits[0, 0].clone();
}

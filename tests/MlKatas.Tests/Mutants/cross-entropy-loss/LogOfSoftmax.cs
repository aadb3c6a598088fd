// Expect: NonFinite
// Mistake: Takes log of a (max-shifted, correct) softmax: a target probability that underflows to 0 gives log 0 = −inf, an infinite loss.
namespace MlKatas.Katas;

public static class CrossEntropy
{
    public static Tensor Loss(Tensor logits, Tensor targets, double labelSmoothing, long ignoreIndex)
    {
        var e = (logits - logits.amax([1], keepdim: true)).exp();
        var logProbs = (e / e.sum(1, keepdim: true)).log();
        var keep = targets.ne(ignoreIndex);
        var nll = -logProbs.gather(1, targets.masked_fill(keep.logical_not(), 0).unsqueeze(1)).squeeze(1);
        var smooth = -logProbs.mean([1]);
        var perRow = (nll * (1 - labelSmoothing) + smooth * labelSmoothing).masked_fill(keep.logical_not(), 0);
        return perRow.sum() / keep.sum().to_type(logits.dtype);
    }
}

// Expect: NonFinite
// Mistake: Masks the ignored rows out of the −log p[target] term only: their smoothing term still counts (an all-padding batch gives x/0 = inf, not NaN; other cases are off).
namespace MlKatas.Katas;

public static class CrossEntropy
{
    public static Tensor Loss(Tensor logits, Tensor targets, double labelSmoothing, long ignoreIndex)
    {
        var shifted = logits - logits.amax([1], keepdim: true);
        var logProbs = shifted - shifted.exp().sum(1, keepdim: true).log();
        var keep = targets.ne(ignoreIndex);
        var nll = (-logProbs.gather(1, targets.masked_fill(keep.logical_not(), 0).unsqueeze(1)).squeeze(1)).masked_fill(keep.logical_not(), 0);
        var smooth = -logProbs.mean([1]);
        return (nll * (1 - labelSmoothing) + smooth * labelSmoothing).sum() / keep.sum().to_type(logits.dtype);
    }
}

// Expect: WrongAnswer
// Mistake: Label smoothing as 1 − ε on the target and ε/(C − 1) on each other class (fairseq's variant), not ε/C on every class.
namespace MlKatas.Katas;

public static class CrossEntropy
{
    public static Tensor Loss(Tensor logits, Tensor targets, double labelSmoothing, long ignoreIndex)
    {
        long c = logits.shape[1];
        var shifted = logits - logits.amax([1], keepdim: true);
        var logProbs = shifted - shifted.exp().sum(1, keepdim: true).log();
        var keep = targets.ne(ignoreIndex);
        var nll = -logProbs.gather(1, targets.masked_fill(keep.logical_not(), 0).unsqueeze(1)).squeeze(1);
        var others = (-logProbs.sum(1) - nll) / Math.Max(c - 1, 1);
        var perRow = (nll * (1 - labelSmoothing) + others * labelSmoothing).masked_fill(keep.logical_not(), 0);
        return perRow.sum() / keep.sum().to_type(logits.dtype);
    }
}

// Expect: WrongAnswer
// Mistake: Zeroes the ignored rows' losses but divides by all N rows (a plain .mean()) instead of the number of kept rows.
namespace MlKatas.Katas;

public static class CrossEntropy
{
    public static Tensor Loss(Tensor logits, Tensor targets, double labelSmoothing, long ignoreIndex)
    {
        var shifted = logits - logits.amax([1], keepdim: true);
        var logProbs = shifted - shifted.exp().sum(1, keepdim: true).log();
        var keep = targets.ne(ignoreIndex);
        var nll = -logProbs.gather(1, targets.masked_fill(keep.logical_not(), 0).unsqueeze(1)).squeeze(1);
        var smooth = -logProbs.mean([1]);
        var perRow = (nll * (1 - labelSmoothing) + smooth * labelSmoothing).masked_fill(keep.logical_not(), 0);
        return perRow.mean();
    }
}

// Expect: WrongAnswer
// Mistake: Guards the mean with max(kept, 1), so a batch whose targets are all ignored returns 0 instead of PyTorch's NaN (0/0).
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
        return perRow.sum() / keep.sum().clamp_min(1).to_type(logits.dtype);
    }
}

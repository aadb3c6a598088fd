// Expect: Passed
// Mistake: None: builds the smoothed target distribution q = (1 − ε)·one_hot + ε/C and takes −Σ q·log p with the library's log_softmax — a speed-budget control.
namespace MlKatas.Katas;

public static class CrossEntropy
{
    public static Tensor Loss(Tensor logits, Tensor targets, double labelSmoothing, long ignoreIndex)
    {
        using var scope = torch.NewDisposeScope();
        long c = logits.shape[1];
        var logProbs = torch.nn.functional.log_softmax(logits, 1);
        var keep = targets.ne(ignoreIndex);
        var safe = torch.where(keep, targets, torch.zeros_like(targets));
        var q = torch.nn.functional.one_hot(safe, c).to_type(logits.dtype) * (1 - labelSmoothing) + labelSmoothing / c;
        var perRow = -(q * logProbs).sum(1);
        var kept = perRow.masked_select(keep);
        return (kept.sum() / kept.shape[0]).MoveToOuterDisposeScope();
    }
}

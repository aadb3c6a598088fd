namespace MlKatas.Katas;

/// <summary>Reference for the cross-entropy-loss kata: PyTorch's cross_entropy with label smoothing, ignore_index, mean.</summary>
public static class CrossEntropy
{
    /// <summary>
    /// Mean over kept rows (target ≠ ignoreIndex) of (1 − ε)·(−log p[target]) + ε·mean_c(−log p[c]); NaN when no row is kept.
    /// </summary>
    /// <param name="logits">[N, C], float32 or float64.</param>
    /// <param name="targets">[N] int64, each in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="ignoreIndex">Target value whose rows are left out of the loss and of the count.</param>
    /// <returns>The loss, a 0-d tensor of the logits' dtype.</returns>
    public static Tensor Loss(Tensor logits, Tensor targets, double labelSmoothing, long ignoreIndex)
    {
        using var scope = torch.NewDisposeScope();
        var shifted = logits - logits.amax([1], keepdim: true);
        var logProbs = shifted.sub_(shifted.exp().sum(1, keepdim: true).log_());          // [N, C], stable log-softmax
        var keep = targets.ne(ignoreIndex);                                                 // [N]
        var safeTargets = targets.masked_fill(keep.logical_not(), 0).unsqueeze(1);         // ignored rows read class 0, dropped below
        var nll = logProbs.gather(1, safeTargets).squeeze(1).neg_();                      // [N]
        var smooth = logProbs.mean([1]).neg_();                                            // [N]
        var perRow = nll.mul_(1 - labelSmoothing).add_(smooth, alpha: labelSmoothing).masked_fill_(keep.logical_not(), 0);
        return perRow.sum().div_(keep.sum().to_type(logits.dtype)).MoveToOuterDisposeScope();   // 0/0 = NaN when nothing is kept
    }
}

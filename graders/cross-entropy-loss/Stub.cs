namespace MlKatas.Katas;

/// <summary>
/// Cross-entropy from logits with integer targets, label smoothing and an ignored target value, mean-reduced exactly as
/// PyTorch's <c>torch.nn.functional.cross_entropy</c> defines it (see README.md).
/// </summary>
public static class CrossEntropy
{
    /// <summary>
    /// L = Σ over kept rows i of [(1 − ε)·(−log pᵢ[tᵢ]) + ε·(1/C)·Σ_c (−log pᵢ[c])] / (number of kept rows), where
    /// pᵢ = softmax(logits[i]) and a row is kept when its target is not <paramref name="ignoreIndex"/>.
    /// </summary>
    /// <param name="logits">Unnormalised scores [N, C], float32 or float64, finite. Must not be modified.</param>
    /// <param name="targets">Class indices [N], int64, each in [0, C) or equal to <paramref name="ignoreIndex"/>. Must not be modified.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the target distribution is (1 − ε)·one_hot(t) + ε/C on every class.</param>
    /// <param name="ignoreIndex">Rows whose target equals this value contribute nothing and are not counted (PyTorch's default is −100).</param>
    /// <returns>The mean loss as a 0-d tensor of the logits' dtype; NaN when every row is ignored (0/0, as in PyTorch).</returns>
    public static Tensor Loss(Tensor logits, Tensor targets, double labelSmoothing, long ignoreIndex)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="RewardModel.PairwiseLoss"/>.</summary>
/// <param name="Loss">Mean over the B pairs of −log σ(r_chosen − r_rejected − margin): a 0-d float64 tensor that autograd can differentiate.</param>
/// <param name="Accuracy">Fraction of pairs the reward model ranks right, r_chosen &gt; r_rejected strictly (a tie is wrong): a 0-d float64 tensor.</param>
public sealed record RewardModelLoss(Tensor Loss, Tensor Accuracy);

/// <summary>The pairwise (Bradley–Terry) loss that trains an RLHF reward model on human preference pairs.</summary>
public static class RewardModel
{
    /// <summary>
    /// The Bradley–Terry loss, mean over pairs of −log σ(r_chosen − r_rejected − margin), and the pairwise accuracy.
    /// </summary>
    /// <param name="chosenRewards">r(x, y_w): the reward model's scalar output for each chosen response, shape [B], float64. The grader differentiates the loss with respect to it.</param>
    /// <param name="rejectedRewards">r(x, y_l) for each rejected response, shape [B], float64. The grader differentiates the loss with respect to it.</param>
    /// <param name="margin">Per-pair margin m ≥ 0, shape [B], float64 (Llama 2: larger for clearer preferences), or null for no margin.</param>
    /// <returns>The loss (0-d, differentiable) and the accuracy (0-d).</returns>
    public static RewardModelLoss PairwiseLoss(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

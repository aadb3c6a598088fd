namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="RewardModel.PairwiseLoss"/>.</summary>
/// <param name="Loss">Mean over pairs of −log σ(r_chosen − r_rejected − margin), 0-d, differentiable.</param>
/// <param name="Accuracy">Fraction of pairs with r_chosen &gt; r_rejected (strictly), 0-d float64.</param>
public sealed record RewardModelLoss(Tensor Loss, Tensor Accuracy);

/// <summary>The Bradley–Terry pairwise loss of reward-model training (hidden reference).</summary>
public static class RewardModel
{
    /// <summary>Bradley–Terry loss with an optional per-pair margin, and the pairwise accuracy.</summary>
    public static RewardModelLoss PairwiseLoss(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin)
    {
        var diff = chosenRewards - rejectedRewards;
        var logits = margin is null ? diff : diff - margin;
        var loss = -torch.nn.functional.logsigmoid(logits).mean();
        var accuracy = diff.detach().gt(0).to_type(ScalarType.Float64).mean();
        return new RewardModelLoss(loss, accuracy);
    }
}

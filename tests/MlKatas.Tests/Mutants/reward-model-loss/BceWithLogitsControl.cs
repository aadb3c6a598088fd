// Expect: Passed
// Mistake: None: a control. The loss as binary cross-entropy with logits z and target 1 (how many RM trainers write it), accuracy from the sign of the difference.
namespace MlKatas.Katas;

public sealed record RewardModelLoss(Tensor Loss, Tensor Accuracy);

public static class RewardModel
{
    public static RewardModelLoss PairwiseLoss(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin)
    {
        var diff = chosenRewards - rejectedRewards;
        var z = margin is null ? diff : diff - margin;
        var loss = torch.nn.functional.binary_cross_entropy_with_logits(z, torch.ones_like(z));
        var accuracy = diff.sign().eq(1).to_type(ScalarType.Float64).sum() / diff.shape[0];
        return new RewardModelLoss(loss, accuracy);
    }
}

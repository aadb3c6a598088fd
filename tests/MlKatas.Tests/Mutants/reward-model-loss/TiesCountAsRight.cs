// Expect: WrongAnswer
// Mistake: Counts a tie (r_chosen == r_rejected) as ranked right: accuracy with ≥ instead of >.
namespace MlKatas.Katas;

public sealed record RewardModelLoss(Tensor Loss, Tensor Accuracy);

public static class RewardModel
{
    public static RewardModelLoss PairwiseLoss(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin)
    {
        var diff = chosenRewards - rejectedRewards;
        var z = margin is null ? diff : diff - margin;
        var loss = -torch.nn.functional.logsigmoid(z).mean();
        var accuracy = (chosenRewards >= rejectedRewards).to_type(ScalarType.Float64).mean();
        return new RewardModelLoss(loss, accuracy);
    }
}

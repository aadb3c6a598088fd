// Expect: NonFinite
// Mistake: Writes log σ(z) as log(sigmoid(z)): σ(z) underflows to 0 for z < −745 and the loss becomes +∞.
namespace MlKatas.Katas;

public sealed record RewardModelLoss(Tensor Loss, Tensor Accuracy);

public static class RewardModel
{
    public static RewardModelLoss PairwiseLoss(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin)
    {
        var diff = chosenRewards - rejectedRewards;
        var z = margin is null ? diff : diff - margin;
        var loss = -torch.log(torch.sigmoid(z)).mean();
        var accuracy = (chosenRewards > rejectedRewards).to_type(ScalarType.Float64).mean();
        return new RewardModelLoss(loss, accuracy);
    }
}

// Expect: WrongShape
// Mistake: Echoes its inputs back: the chosen rewards as the loss (shape [B], not a scalar), the rejected ones as the accuracy.
namespace MlKatas.Katas;

public sealed record RewardModelLoss(Tensor Loss, Tensor Accuracy);

public static class RewardModel
{
    public static RewardModelLoss PairwiseLoss(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin)
    {
        return new RewardModelLoss(chosenRewards, rejectedRewards);
    }
}

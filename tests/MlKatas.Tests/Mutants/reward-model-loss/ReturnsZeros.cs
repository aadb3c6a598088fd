// Expect: WrongAnswer
// Mistake: Returns a zero loss and a zero accuracy.
namespace MlKatas.Katas;

public sealed record RewardModelLoss(Tensor Loss, Tensor Accuracy);

public static class RewardModel
{
    public static RewardModelLoss PairwiseLoss(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin)
    {
        return new RewardModelLoss(torch.zeros(Array.Empty<long>(), dtype: float64), torch.zeros(Array.Empty<long>(), dtype: float64));
    }
}

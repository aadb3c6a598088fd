// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record RewardModelLoss(Tensor Loss, Tensor Accuracy);

public static class RewardModel
{
    public static RewardModelLoss PairwiseLoss(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin)
    {
        return new RewardModelLoss(torch.randn(Array.Empty<long>(), dtype: float64), torch.rand(Array.Empty<long>(), dtype: float64));
    }
}

// Expect: WrongAnswer
// Mistake: Adds the margin instead of subtracting it: −log σ(r_c − r_r + m) makes clear preferences easier to satisfy, not harder.
namespace MlKatas.Katas;

public sealed record RewardModelLoss(Tensor Loss, Tensor Accuracy);

public static class RewardModel
{
    public static RewardModelLoss PairwiseLoss(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin)
    {
        var diff = chosenRewards - rejectedRewards;
        margin ??= torch.zeros_like(diff);
        var loss = -torch.nn.functional.logsigmoid(diff + margin).mean();
        var accuracy = (chosenRewards > rejectedRewards).to_type(ScalarType.Float64).mean();
        return new RewardModelLoss(loss, accuracy);
    }
}

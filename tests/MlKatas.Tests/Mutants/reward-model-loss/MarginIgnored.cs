// Expect: WrongAnswer
// Mistake: Ignores the margin argument (the InstructGPT loss without Llama 2's margin).
namespace MlKatas.Katas;

public sealed record RewardModelLoss(Tensor Loss, Tensor Accuracy);

public static class RewardModel
{
    public static RewardModelLoss PairwiseLoss(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin)
    {
        var diff = chosenRewards - rejectedRewards;
        var z = margin is null ? diff : diff - margin;
        var loss = -torch.nn.functional.logsigmoid(diff).mean();
        var accuracy = (chosenRewards > rejectedRewards).to_type(ScalarType.Float64).mean();
        return new RewardModelLoss(loss, accuracy);
    }
}

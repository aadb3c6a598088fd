// Expect: WrongAnswer
// Mistake: Flips the sign of the difference: −log σ(r_rejected − r_chosen), which teaches the model to prefer the rejected responses.
namespace MlKatas.Katas;

public sealed record RewardModelLoss(Tensor Loss, Tensor Accuracy);

public static class RewardModel
{
    public static RewardModelLoss PairwiseLoss(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin)
    {
        var diff = chosenRewards - rejectedRewards;
        var z = margin is null ? diff : diff - margin;
        var loss = -torch.nn.functional.logsigmoid(-z).mean();
        var accuracy = (chosenRewards > rejectedRewards).to_type(ScalarType.Float64).mean();
        return new RewardModelLoss(loss, accuracy);
    }
}

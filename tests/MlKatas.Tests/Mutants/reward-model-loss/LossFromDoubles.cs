// Expect: WrongGradient
// Mistake: Computes the loss in C# doubles (Math.Log, Math.Exp over the values) and wraps the number in a tensor: the value is right, but autograd sees a constant and no gradient reaches the reward model.
namespace MlKatas.Katas;

public sealed record RewardModelLoss(Tensor Loss, Tensor Accuracy);

public static class RewardModel
{
    public static RewardModelLoss PairwiseLoss(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin)
    {
        var d = (margin is null ? chosenRewards - rejectedRewards : chosenRewards - rejectedRewards - margin).detach().data<double>().ToArray();
        double total = 0;
        foreach (double z in d)
        {
            total += z > 0 ? Math.Log(1 + Math.Exp(-z)) : -z + Math.Log(1 + Math.Exp(z));
        }
        var loss = torch.tensor(total / d.Length, ScalarType.Float64);
        var accuracy = (chosenRewards > rejectedRewards).to_type(ScalarType.Float64).mean();
        return new RewardModelLoss(loss, accuracy);
    }
}

// Expect: TooSlow
// Mistake: Computes each pair's loss in a C# loop over the batch (a tensor op per pair where one op over all pairs exists), then stacks them.
namespace MlKatas.Katas;

public sealed record RewardModelLoss(Tensor Loss, Tensor Accuracy);

public static class RewardModel
{
    public static RewardModelLoss PairwiseLoss(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin)
    {
        long b = chosenRewards.shape[0];
        var losses = new List<Tensor>();
        for (long i = 0; i < b; i++)
        {
            var z = chosenRewards[i] - rejectedRewards[i];
            if (margin is not null)
            {
                z = z - margin[i];
            }
            losses.Add(-torch.nn.functional.logsigmoid(z));
        }
        var loss = torch.stack(losses).mean();
        var accuracy = (chosenRewards > rejectedRewards).to_type(ScalarType.Float64).mean();
        return new RewardModelLoss(loss, accuracy);
    }
}

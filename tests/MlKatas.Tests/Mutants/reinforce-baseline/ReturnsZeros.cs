// Expect: WrongAnswer
// Mistake: Returns zero losses, returns and advantages of the right shapes.
namespace MlKatas.Katas;

public sealed record ReinforceOutput(Tensor Loss, Tensor PolicyLoss, Tensor BaselineLoss, Tensor Returns, Tensor Advantages);

public static class Reinforce
{
    public static ReinforceOutput Loss(Tensor logProbs, Tensor baselines, Tensor rewards, Tensor dones, double gamma, double baselineCoef)
    {
        var zero = torch.zeros(1, dtype: ScalarType.Float64).squeeze();
        return new ReinforceOutput(zero, zero, zero, torch.zeros_like(rewards), torch.zeros_like(rewards));
    }
}

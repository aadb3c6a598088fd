// Expect: WrongAnswer
// Mistake: Returns random losses, returns and advantages of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record ReinforceOutput(Tensor Loss, Tensor PolicyLoss, Tensor BaselineLoss, Tensor Returns, Tensor Advantages);

public static class Reinforce
{
    public static ReinforceOutput Loss(Tensor logProbs, Tensor baselines, Tensor rewards, Tensor dones, double gamma, double baselineCoef)
    {
        return new ReinforceOutput(torch.randn(1, dtype: ScalarType.Float64).squeeze(), torch.randn(1, dtype: ScalarType.Float64).squeeze(),
            torch.randn(1, dtype: ScalarType.Float64).squeeze(), torch.randn_like(rewards), torch.randn_like(rewards));
    }
}

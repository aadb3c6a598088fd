// Expect: WrongAnswer
// Mistake: Returns zero advantages and zero returns of the right shape.
namespace MlKatas.Katas;

public sealed record GaeOutput(Tensor Advantages, Tensor Returns);

public static class Gae
{
    public static GaeOutput Compute(Tensor rewards, Tensor values, Tensor dones, Tensor lastValues, double gamma, double lambda)
    {
        return new GaeOutput(torch.zeros_like(rewards), torch.zeros_like(rewards));
    }
}

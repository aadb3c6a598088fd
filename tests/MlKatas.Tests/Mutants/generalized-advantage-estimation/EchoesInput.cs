// Expect: WrongAnswer
// Mistake: Echoes its inputs back: the rewards as advantages and the values as returns.
namespace MlKatas.Katas;

public sealed record GaeOutput(Tensor Advantages, Tensor Returns);

public static class Gae
{
    public static GaeOutput Compute(Tensor rewards, Tensor values, Tensor dones, Tensor lastValues, double gamma, double lambda)
    {
        return new GaeOutput(rewards, values);
    }
}

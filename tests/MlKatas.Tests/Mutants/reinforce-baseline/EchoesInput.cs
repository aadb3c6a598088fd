// Expect: WrongAnswer
// Mistake: Echoes its inputs back: the rewards as returns, the baselines as advantages, the mean log-prob as every loss.
namespace MlKatas.Katas;

public sealed record ReinforceOutput(Tensor Loss, Tensor PolicyLoss, Tensor BaselineLoss, Tensor Returns, Tensor Advantages);

public static class Reinforce
{
    public static ReinforceOutput Loss(Tensor logProbs, Tensor baselines, Tensor rewards, Tensor dones, double gamma, double baselineCoef)
    {
        var m = logProbs.mean();
        return new ReinforceOutput(m, m, m, rewards, baselines);
    }
}

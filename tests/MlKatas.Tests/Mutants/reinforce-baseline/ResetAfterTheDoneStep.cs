// Expect: WrongAnswer
// Mistake: Resets the running return after the done step instead of before it: the step that ended an episode still adds γ·G of the next episode's first step, and the step before it is cut off from its own episode's end — every cut one step early.
namespace MlKatas.Katas;

public sealed record ReinforceOutput(Tensor Loss, Tensor PolicyLoss, Tensor BaselineLoss, Tensor Returns, Tensor Advantages);

public static class Reinforce
{
    public static ReinforceOutput Loss(Tensor logProbs, Tensor baselines, Tensor rewards, Tensor dones, double gamma, double baselineCoef)
    {
        long steps = rewards.shape[0];
        double[] r = rewards.data<double>().ToArray();
        bool[] done = dones.data<bool>().ToArray();
        var g = new double[steps];
        double running = 0;
        for (long n = steps - 1; n >= 0; n--)
        {
            running = r[n] + gamma * running;
            g[n] = running;
            if (done[n])
            {
                running = 0;
            }
        }
        var returns = torch.tensor(g);
        var advantages = returns - baselines.detach();
        var policyLoss = -(logProbs * advantages).mean();
        var baselineLoss = (baselines - returns).pow(2).mean();
        return new ReinforceOutput(policyLoss + baselineCoef * baselineLoss, policyLoss, baselineLoss, returns, advantages);
    }
}

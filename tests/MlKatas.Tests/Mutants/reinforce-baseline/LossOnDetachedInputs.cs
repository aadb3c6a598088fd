// Expect: WrongGradient
// Mistake: Builds the losses from detached copies (logProbs.detach(), baselines.detach()) 'to be safe': the values are right, but nothing reaches the policy or the value network — every gradient is 0.
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
            if (done[n])
            {
                running = 0;
            }
            running = r[n] + gamma * running;
            g[n] = running;
        }
        var returns = torch.tensor(g);
        var advantages = returns - baselines.detach();
        var policyLoss = -(logProbs.detach() * advantages).mean();
        var baselineLoss = (baselines.detach() - returns).pow(2).mean();
        return new ReinforceOutput(policyLoss + baselineCoef * baselineLoss, policyLoss, baselineLoss, returns, advantages);
    }
}

// Expect: WrongAnswer
// Mistake: Uses ½·mean((b − G)²) for the baseline loss (the ½ from a derivation) where the statement says the plain mean squared error.
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
        var policyLoss = -(logProbs * advantages).mean();
        var baselineLoss = 0.5 * (baselines - returns).pow(2).mean();
        return new ReinforceOutput(policyLoss + baselineCoef * baselineLoss, policyLoss, baselineLoss, returns, advantages);
    }
}

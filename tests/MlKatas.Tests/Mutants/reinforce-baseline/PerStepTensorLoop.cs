// Expect: TooSlow
// Mistake: Computes the returns one tensor element at a time — rewards[n].item(), dones[n].item() and returns[n] = … in a C# loop over the N steps — where the recursion belongs on a copied C# array (or one vectorised op per episode).
namespace MlKatas.Katas;

public sealed record ReinforceOutput(Tensor Loss, Tensor PolicyLoss, Tensor BaselineLoss, Tensor Returns, Tensor Advantages);

public static class Reinforce
{
    public static ReinforceOutput Loss(Tensor logProbs, Tensor baselines, Tensor rewards, Tensor dones, double gamma, double baselineCoef)
    {
        long steps = rewards.shape[0];
        var returns = torch.zeros_like(rewards);
        double running = 0;
        for (long n = steps - 1; n >= 0; n--)
        {
            using var scope = torch.NewDisposeScope();
            running = rewards[n].item<double>() + (dones[n].item<bool>() ? 0.0 : gamma * running);
            returns[n] = torch.tensor(running);
        }
        var advantages = returns - baselines.detach();
        var policyLoss = -(logProbs * advantages).mean();
        var baselineLoss = (baselines - returns).square().mean();
        return new ReinforceOutput(policyLoss + baselineCoef * baselineLoss, policyLoss, baselineLoss, returns, advantages);
    }
}

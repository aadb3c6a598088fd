namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Reinforce.Loss"/>.</summary>
/// <param name="Loss">PolicyLoss + baselineCoef · BaselineLoss, a 0-d float64 tensor (differentiable).</param>
/// <param name="PolicyLoss">−mean over the N steps of logπ · A, A = G − b with b detached, 0-d float64.</param>
/// <param name="BaselineLoss">mean over the N steps of (b − G)², 0-d float64.</param>
/// <param name="Returns">G, the discounted returns-to-go within each episode, shape [N], float64.</param>
/// <param name="Advantages">A = G − b, shape [N], float64.</param>
public sealed record ReinforceOutput(Tensor Loss, Tensor PolicyLoss, Tensor BaselineLoss, Tensor Returns, Tensor Advantages);

/// <summary>REINFORCE with a learned state-value baseline (hidden reference).</summary>
public static class Reinforce
{
    /// <summary>
    /// Returns-to-go by one backward pass over the buffer in plain C# (restarted after every done), then the two losses
    /// as tensor expressions so that autograd reaches the log-probs and the baselines.
    /// </summary>
    public static ReinforceOutput Loss(Tensor logProbs, Tensor baselines, Tensor rewards, Tensor dones, double gamma, double baselineCoef)
    {
        using var scope = torch.NewDisposeScope();
        long steps = rewards.shape[0];
        // The recursion is sequential and scalar: C# arithmetic on a copy beats one tensor call per step by far.
        double[] r = rewards.contiguous().data<double>().ToArray();
        bool[] done = dones.contiguous().data<bool>().ToArray();
        var g = new double[steps];
        double running = 0;
        for (long n = steps - 1; n >= 0; n--)
        {
            running = r[n] + (done[n] ? 0.0 : gamma * running);
            g[n] = running;
        }
        var returns = torch.tensor(g);
        // The baseline is a control variate: it must not receive the policy-gradient term.
        var advantages = returns - baselines.detach();
        var policyLoss = -(logProbs * advantages).mean();
        var baselineLoss = (baselines - returns).square().mean();
        var loss = policyLoss + baselineCoef * baselineLoss;
        return new ReinforceOutput(loss.MoveToOuterDisposeScope(), policyLoss.MoveToOuterDisposeScope(), baselineLoss.MoveToOuterDisposeScope(),
            returns.MoveToOuterDisposeScope(), advantages.MoveToOuterDisposeScope());
    }
}

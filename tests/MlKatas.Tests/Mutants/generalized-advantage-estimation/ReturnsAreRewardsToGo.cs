// Expect: WrongAnswer
// Mistake: Advantages right, but the returns are the discounted rewards-to-go (Monte Carlo, bootstrapped at the end) instead of advantages + values, the λ-return the critic is trained towards.
namespace MlKatas.Katas;

public sealed record GaeOutput(Tensor Advantages, Tensor Returns);

public static class Gae
{
    public static GaeOutput Compute(Tensor rewards, Tensor values, Tensor dones, Tensor lastValues, double gamma, double lambda)
    {
        using var scope = torch.NewDisposeScope();
        long steps = rewards.shape[1];
        var notDone = dones.logical_not().to_type(rewards.dtype);
        var nextValues = torch.cat([values[.., 1..], lastValues.unsqueeze(1)], dim: 1);
        var deltas = rewards + gamma * notDone * nextValues - values;
        var advantages = torch.empty_like(rewards);
        var returns = torch.empty_like(rewards);
        var running = torch.zeros_like(lastValues);
        var togo = lastValues.clone();
        for (long t = steps - 1; t >= 0; t--)
        {
            running = deltas[.., t] + gamma * lambda * notDone[.., t] * running;
            advantages[.., t] = running;
            togo = rewards[.., t] + gamma * notDone[.., t] * togo;
            returns[.., t] = togo;
        }
        return new GaeOutput(advantages.MoveToOuterDisposeScope(), returns.MoveToOuterDisposeScope());
    }
}

// Expect: WrongAnswer
// Mistake: Ignores lastValues: the step after the rollout is treated as worth 0, as if every rollout ended in a terminal state.
namespace MlKatas.Katas;

public sealed record GaeOutput(Tensor Advantages, Tensor Returns);

public static class Gae
{
    public static GaeOutput Compute(Tensor rewards, Tensor values, Tensor dones, Tensor lastValues, double gamma, double lambda)
    {
        using var scope = torch.NewDisposeScope();
        long steps = rewards.shape[1];
        var notDone = dones.logical_not().to_type(rewards.dtype);
        var nextValues = torch.cat([values[.., 1..], torch.zeros_like(lastValues).unsqueeze(1)], dim: 1);
        var deltas = rewards + gamma * notDone * nextValues - values;
        var decay = (gamma * lambda) * notDone;
        var advantages = torch.empty_like(rewards);
        var running = torch.zeros_like(lastValues);
        for (long t = steps - 1; t >= 0; t--)
        {
            running = deltas[.., t] + decay[.., t] * running;
            advantages[.., t] = running;
        }
        var returns = advantages + values;
        return new GaeOutput(advantages.MoveToOuterDisposeScope(), returns.MoveToOuterDisposeScope());
    }
}

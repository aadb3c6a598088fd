// Expect: WrongAnswer
// Mistake: Reads the flags in CleanRL's episode-start convention (dones[t + 1] cuts t → t + 1) although these flags belong to the step itself: every cut lands one step late.
namespace MlKatas.Katas;

public sealed record GaeOutput(Tensor Advantages, Tensor Returns);

public static class Gae
{
    public static GaeOutput Compute(Tensor rewards, Tensor values, Tensor dones, Tensor lastValues, double gamma, double lambda)
    {
        using var scope = torch.NewDisposeScope();
        long steps = rewards.shape[1];
        var notDone = torch.cat([dones[.., 1..], dones[.., ^1..]], dim: 1).logical_not().to_type(rewards.dtype);
        var nextValues = torch.cat([values[.., 1..], lastValues.unsqueeze(1)], dim: 1);
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

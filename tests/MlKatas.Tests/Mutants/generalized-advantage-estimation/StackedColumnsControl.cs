// Expect: Passed
// Mistake: None: a control. CleanRL's loop written directly — next value and non-terminal flag picked per step, δ inside the loop, columns collected in a list, reversed and stacked — a different but correct solution a strong candidate writes.
namespace MlKatas.Katas;

public sealed record GaeOutput(Tensor Advantages, Tensor Returns);

public static class Gae
{
    public static GaeOutput Compute(Tensor rewards, Tensor values, Tensor dones, Tensor lastValues, double gamma, double lambda)
    {
        using var scope = torch.NewDisposeScope();
        long steps = rewards.shape[1];
        var columns = new List<Tensor>();
        Tensor lastGaeLam = torch.zeros_like(lastValues);
        for (long t = steps - 1; t >= 0; t--)
        {
            var nextNonTerminal = 1.0 - dones[.., t].to_type(ScalarType.Float64);
            var nextValues = t == steps - 1 ? lastValues : values[.., t + 1];
            var delta = rewards[.., t] + gamma * nextValues * nextNonTerminal - values[.., t];
            lastGaeLam = delta + gamma * lambda * nextNonTerminal * lastGaeLam;
            columns.Add(lastGaeLam);
        }
        columns.Reverse();
        var advantages = torch.stack(columns, dim: 1);
        var returns = advantages + values;
        return new GaeOutput(advantages.MoveToOuterDisposeScope(), returns.MoveToOuterDisposeScope());
    }
}

namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Gae.Compute"/>.</summary>
/// <param name="Advantages">GAE(γ, λ) advantages, shape [B, T], float64.</param>
/// <param name="Returns">Value targets, advantages + values, shape [B, T], float64.</param>
public sealed record GaeOutput(Tensor Advantages, Tensor Returns);

/// <summary>Generalized Advantage Estimation over a batch of rollouts (hidden reference).</summary>
public static class Gae
{
    /// <summary>
    /// A_t = δ_t + γλ(1 − d_t)·A_{t+1}, δ_t = r_t + γ(1 − d_t)·V_{t+1} − V_t, V_T = lastValues, A_T = 0;
    /// vectorised over the batch, one backward pass over time.
    /// </summary>
    public static GaeOutput Compute(Tensor rewards, Tensor values, Tensor dones, Tensor lastValues, double gamma, double lambda)
    {
        using var scope = torch.NewDisposeScope();
        long steps = rewards.shape[1];
        var notDone = dones.logical_not().to_type(rewards.dtype);
        // Every δ at once: only the λ-recursion is sequential in time.
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

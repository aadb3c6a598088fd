namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="ValueIteration.Solve"/>.</summary>
/// <param name="Values">V after the last iteration, shape [S], float64.</param>
/// <param name="Q">R + γ·P·V from that V, shape [S, A], float64.</param>
/// <param name="Policy">The greedy action of each state (ties within 1e-9 to the lowest index), shape [S], int64.</param>
/// <param name="Iterations">How many synchronous backups were applied.</param>
public sealed record ValueIterationOutput(Tensor Values, Tensor Q, Tensor Policy, int Iterations);

/// <summary>Value iteration on a tabular MDP (hidden reference).</summary>
public static class ValueIteration
{
    /// <summary>Q values within this of a state's maximum are ties (the statement's rule), won by the lowest action.</summary>
    private const double TieTolerance = 1e-9;

    /// <summary>
    /// V_0 = 0; V_{k+1} = max_a (R + γ·P·V_k), every state from V_k (one [S·A, S] × [S] product per iteration); stop
    /// after the first iteration with max |V_{k+1} − V_k| &lt; tol, or after maxIterations; return V_{k+1}.
    /// </summary>
    public static ValueIterationOutput Solve(Tensor transitions, Tensor rewards, double gamma, double tol, int maxIterations)
    {
        using var scope = torch.NewDisposeScope();
        long states = transitions.shape[0], actions = transitions.shape[1];
        var flat = transitions.reshape(states * actions, states);
        var values = torch.zeros(states, dtype: ScalarType.Float64);
        int iterations = 0;
        while (true)
        {
            using var step = torch.NewDisposeScope();
            var next = (rewards + gamma * flat.mv(values).reshape(states, actions)).amax([1]);
            double change = (next - values).abs().max().item<double>();
            values = next.MoveToOuterDisposeScope();
            iterations++;
            if (change < tol || iterations >= maxIterations)
            {
                break;
            }
        }
        var q = rewards + gamma * flat.mv(values).reshape(states, actions);
        // argmax returns the first maximum: over the 0/1 "within the tie tolerance of the best" flags, the lowest index.
        var policy = (q >= q.amax([1], keepdim: true) - TieTolerance).to_type(ScalarType.Int64).argmax(1);
        return new ValueIterationOutput(values.MoveToOuterDisposeScope(), q.MoveToOuterDisposeScope(), policy.MoveToOuterDisposeScope(), iterations);
    }
}

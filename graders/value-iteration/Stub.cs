namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="ValueIteration.Solve"/>.</summary>
/// <param name="Values">V after the last iteration, shape [S], float64.</param>
/// <param name="Q">R + γ·P·V from that V, shape [S, A], float64.</param>
/// <param name="Policy">The greedy action of each state (ties within 1e-9 to the lowest index), shape [S], int64.</param>
/// <param name="Iterations">How many synchronous backups were applied.</param>
public sealed record ValueIterationOutput(Tensor Values, Tensor Q, Tensor Policy, int Iterations);

/// <summary>Value iteration on a tabular MDP with a known model (Bellman optimality backups).</summary>
public static class ValueIteration
{
    /// <summary>
    /// From V_0 = 0, apply V_{k+1}[s] = max_a (R[s, a] + γ·Σ_s' P[s, a, s']·V_k[s']) to every state at once until
    /// max_s |V_{k+1}[s] − V_k[s]| &lt; tol or maxIterations backups; then Q = R + γ·P·V and the greedy policy.
    /// </summary>
    /// <param name="transitions">P[s, a, s'], each [s, a] row sums to 1, shape [S, A, S], float64.</param>
    /// <param name="rewards">R[s, a], the expected immediate reward of action a in state s, shape [S, A], float64.</param>
    /// <param name="gamma">The discount γ in [0, 1).</param>
    /// <param name="tol">Stop after the first backup that changes no value by tol or more.</param>
    /// <param name="maxIterations">Stop after this many backups in any case (≥ 1).</param>
    /// <returns>V ([S] float64), Q ([S, A] float64), the greedy policy ([S] int64) and the number of backups applied.</returns>
    public static ValueIterationOutput Solve(Tensor transitions, Tensor rewards, double gamma, double tol, int maxIterations)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

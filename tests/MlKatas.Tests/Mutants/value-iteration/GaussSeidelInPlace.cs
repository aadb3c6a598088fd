// Expect: WrongAnswer
// Mistake: Updates V in place state by state (Gauss–Seidel): later states in a sweep already see this sweep's new values. It converges too, but to the tolerance along a different path: other iterates, another iteration count, other final values.
namespace MlKatas.Katas;

public sealed record ValueIterationOutput(Tensor Values, Tensor Q, Tensor Policy, int Iterations);

public static class ValueIteration
{
    public static ValueIterationOutput Solve(Tensor transitions, Tensor rewards, double gamma, double tol, int maxIterations)
    {
        long states = transitions.shape[0], actions = transitions.shape[1];
        var values = torch.zeros(states, dtype: ScalarType.Float64);
        int iterations = 0;
        while (true)
        {
            var old = values.clone();
            for (long s = 0; s < states; s++)
            {
                values[s] = (rewards[s] + gamma * transitions[s].mv(values)).max();
            }
            double change = (values - old).abs().max().item<double>();
            iterations++;
            if (change < tol || iterations >= maxIterations)
            {
                break;
            }
        }
        var finalQ = rewards + gamma * torch.einsum("sat,t->sa", transitions, values);
        var policy = (finalQ >= finalQ.amax([1], keepdim: true) - 1e-9).to_type(ScalarType.Int64).argmax(1);
        return new ValueIterationOutput(values, finalQ, policy, iterations);
    }
}

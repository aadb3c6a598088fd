// Expect: WrongAnswer
// Mistake: Discounts the immediate reward too: Q = γ·(R + P·V) instead of R + γ·P·V.
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
            var q = gamma * (rewards + torch.einsum("sat,t->sa", transitions, values));
            var next = q.amax([1]);
            double change = (next - values).abs().max().item<double>();
            values = next;
            iterations++;
            if (change < tol || iterations >= maxIterations)
            {
                break;
            }
        }
        var finalQ = gamma * (rewards + torch.einsum("sat,t->sa", transitions, values));
        var policy = (finalQ >= finalQ.amax([1], keepdim: true) - 1e-9).to_type(ScalarType.Int64).argmax(1);
        return new ValueIterationOutput(values, finalQ, policy, iterations);
    }
}

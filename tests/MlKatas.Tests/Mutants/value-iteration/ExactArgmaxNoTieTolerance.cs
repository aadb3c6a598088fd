// Expect: WrongAnswer
// Mistake: Takes the plain argmax of Q, ignoring the statement's 1e-9 tie tolerance: an action better by 3e-12 (round-off, or a duplicate action with a negligibly larger reward) wins instead of the lowest index.
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
            var q = rewards + gamma * torch.einsum("sat,t->sa", transitions, values);
            var next = q.amax([1]);
            double change = (next - values).abs().max().item<double>();
            values = next;
            iterations++;
            if (change < tol || iterations >= maxIterations)
            {
                break;
            }
        }
        var finalQ = rewards + gamma * torch.einsum("sat,t->sa", transitions, values);
        var policy = finalQ.argmax(1);
        return new ValueIterationOutput(values, finalQ, policy, iterations);
    }
}

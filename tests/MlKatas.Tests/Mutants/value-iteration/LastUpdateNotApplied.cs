// Expect: WrongAnswer
// Mistake: Tests convergence before applying the backup and returns V_k instead of V_{k+1} when it stops (and counts one iteration fewer).
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
            if (change < tol || iterations + 1 >= maxIterations)
            {
                break;
            }
            values = next;
            iterations++;
        }
        var finalQ = rewards + gamma * torch.einsum("sat,t->sa", transitions, values);
        var policy = (finalQ >= finalQ.amax([1], keepdim: true) - 1e-9).to_type(ScalarType.Int64).argmax(1);
        return new ValueIterationOutput(values, finalQ, policy, iterations);
    }
}

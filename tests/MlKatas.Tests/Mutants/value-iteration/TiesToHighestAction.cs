// Expect: WrongAnswer
// Mistake: Breaks ties to the highest action index (the last of the actions within 1e-9 of the best) instead of the lowest.
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
        var tied = (finalQ >= finalQ.amax([1], keepdim: true) - 1e-9).to_type(ScalarType.Int64);
        var policy = (actions - 1) - tied.flip(1).argmax(1);
        return new ValueIterationOutput(values, finalQ, policy, iterations);
    }
}

// Expect: TooSlow
// Mistake: Backs up one state at a time in a C# loop (a [A, S'] × [S'] product and a max per state per iteration): synchronous and correct, but S small tensor calls where one [S·A, S'] × [S'] product does the sweep.
namespace MlKatas.Katas;

public sealed record ValueIterationOutput(Tensor Values, Tensor Q, Tensor Policy, int Iterations);

public static class ValueIteration
{
    public static ValueIterationOutput Solve(Tensor transitions, Tensor rewards, double gamma, double tol, int maxIterations)
    {
        long states = transitions.shape[0], actions = transitions.shape[1];
        var values = new double[states];
        int iterations = 0;
        while (true)
        {
            using var scope = torch.NewDisposeScope();
            var v = torch.tensor(values);
            var next = new double[states];
            double change = 0;
            for (long s = 0; s < states; s++)
            {
                next[s] = (rewards[s] + gamma * transitions[s].mv(v)).max().item<double>();
                change = Math.Max(change, Math.Abs(next[s] - values[s]));
            }
            values = next;
            iterations++;
            if (change < tol || iterations >= maxIterations)
            {
                break;
            }
        }
        var final = torch.tensor(values);
        var q = rewards + gamma * torch.einsum("sat,t->sa", transitions, final);
        var policy = (q >= q.amax([1], keepdim: true) - 1e-9).to_type(ScalarType.Int64).argmax(1);
        return new ValueIterationOutput(final, q, policy, iterations);
    }
}

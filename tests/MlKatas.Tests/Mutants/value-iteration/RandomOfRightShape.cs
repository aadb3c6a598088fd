// Expect: WrongAnswer
// Mistake: Returns random values, Q and actions of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record ValueIterationOutput(Tensor Values, Tensor Q, Tensor Policy, int Iterations);

public static class ValueIteration
{
    public static ValueIterationOutput Solve(Tensor transitions, Tensor rewards, double gamma, double tol, int maxIterations)
    {
        long states = rewards.shape[0], actions = rewards.shape[1];
        return new ValueIterationOutput(torch.randn(states, dtype: ScalarType.Float64), torch.randn(states, actions, dtype: ScalarType.Float64),
            torch.randint(actions, [states], dtype: ScalarType.Int64), new Random().Next(1, 100));
    }
}

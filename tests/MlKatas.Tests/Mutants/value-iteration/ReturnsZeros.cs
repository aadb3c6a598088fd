// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtypes and 0 iterations.
namespace MlKatas.Katas;

public sealed record ValueIterationOutput(Tensor Values, Tensor Q, Tensor Policy, int Iterations);

public static class ValueIteration
{
    public static ValueIterationOutput Solve(Tensor transitions, Tensor rewards, double gamma, double tol, int maxIterations)
    {
        return new ValueIterationOutput(torch.zeros_like(rewards[.., 0]), torch.zeros_like(rewards),
            torch.zeros(rewards.shape[0], dtype: ScalarType.Int64), 0);
    }
}

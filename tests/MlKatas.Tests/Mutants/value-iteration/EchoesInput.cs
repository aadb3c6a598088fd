// Expect: WrongAnswer
// Mistake: Echoes its input back: the rewards as Q, their first column as V, and one iteration.
namespace MlKatas.Katas;

public sealed record ValueIterationOutput(Tensor Values, Tensor Q, Tensor Policy, int Iterations);

public static class ValueIteration
{
    public static ValueIterationOutput Solve(Tensor transitions, Tensor rewards, double gamma, double tol, int maxIterations)
    {
        return new ValueIterationOutput(rewards[.., 0], rewards, rewards.argmax(1), 1);
    }
}

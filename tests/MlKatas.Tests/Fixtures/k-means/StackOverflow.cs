// Expect: RuntimeError
// Says: stack overflow
// Mistake: a recursive helper without a base case.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        var deeper = Fit(x, initialCentroids, maxIterations + 1); // not a tail call: the JIT cannot turn it into a loop
        return deeper with { Iterations = deeper.Iterations + 1 };
    }
}

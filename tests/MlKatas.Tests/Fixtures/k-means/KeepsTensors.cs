// Expect: WrongAnswer
// A solution that keeps a copy of every input in a static list, out of the case's dispose scope (and answers
// wrongly): TensorLeakTests shows the live-tensor count sees such tensors, so a grading that left its own alive would
// fail that test. (Without DetachFromDisposeScope the grader's per-case scope would free the copies.)
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    private static readonly List<Tensor> Kept = [];

    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        Kept.Add(x.detach().clone().DetachFromDisposeScope());
        return new KMeansResult(initialCentroids.clone(), torch.zeros(x.shape[0], ScalarType.Int64), 0, 0);
    }
}

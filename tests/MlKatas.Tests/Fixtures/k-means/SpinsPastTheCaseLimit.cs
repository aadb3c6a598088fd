// Expect: TimeLimitExceeded
// Mistake: a loop that runs far longer than one case may (8 s of spinning against the test's 2 s case limit).
// Used in-process, where an abandoned case thread cannot be killed: an endless loop there would burn a core for the
// rest of the test run (it did: 6+ minutes of CPU on a 2-core machine). This one stops by itself.
namespace MlKatas.Katas;

public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

public static class KMeans
{
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        var until = DateTime.UtcNow.AddSeconds(8);
        long spins = 0;
        while (DateTime.UtcNow < until)
        {
            spins = (spins + 1) % 1000;
        }
        throw new InvalidOperationException($"gave up after spinning ({spins})");
    }
}

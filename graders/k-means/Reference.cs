namespace MlKatas.Katas;

/// <summary>Result of <see cref="KMeans.Fit"/>.</summary>
/// <param name="Centroids">Final centroids [k,d], float64.</param>
/// <param name="Labels">Index of each point's nearest final centroid [n], int64.</param>
/// <param name="Inertia">Σ_i ‖x_i − C[label_i]‖².</param>
/// <param name="Iterations">Number of centroid updates performed.</param>
public sealed record KMeansResult(Tensor Centroids, Tensor Labels, double Inertia, int Iterations);

/// <summary>Reference for the k-means kata: Lloyd's algorithm from given initial centroids.</summary>
public static class KMeans
{
    /// <summary>
    /// Lloyd's algorithm: assign, then (update, reassign) until the labels stop changing or
    /// <paramref name="maxIterations"/> updates were made. Exact ties go to the lowest centroid index; an empty
    /// cluster keeps its previous centroid.
    /// </summary>
    /// <param name="x">Points [n,d], float64.</param>
    /// <param name="initialCentroids">Starting centroids [k,d], float64.</param>
    /// <param name="maxIterations">Maximum number of updates, ≥ 0.</param>
    /// <returns>Final centroids, labels, inertia and the number of updates.</returns>
    public static KMeansResult Fit(Tensor x, Tensor initialCentroids, int maxIterations)
    {
        using var scope = torch.NewDisposeScope();
        long k = initialCentroids.shape[0];
        var xSquared = x.pow(2).sum(dim: 1);   // ‖x_i‖², shared by every assignment

        var centroids = initialCentroids.clone();   // never hand the caller's tensor back
        var labels = Assign(x, xSquared, centroids);
        int iterations = 0;
        while (iterations < maxIterations)
        {
            Tensor next, nextLabels;
            bool changed;
            using (var iteration = torch.NewDisposeScope())
            {
                next = Update(x, labels, centroids, k);
                nextLabels = Assign(x, xSquared, next);
                changed = !nextLabels.Equals(labels);
                next.MoveToOuterDisposeScope();
                nextLabels.MoveToOuterDisposeScope();
            }

            iterations++;
            centroids.Dispose();
            labels.Dispose();
            centroids = next;
            labels = nextLabels;
            if (!changed)
            {
                break;
            }
        }

        double inertia = centroids.index_select(0, labels).sub_(x).pow_(2).sum().item<double>();   // exact Σ‖x − c‖²
        return new KMeansResult(centroids.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), inertia, iterations);
    }

    // Nearest centroid of every point, exact ties to the lowest index.
    //
    // Speed: ‖x‖² − 2 x·cᵀ + ‖c‖² is one GEMM (O(n k d) time, O(n k) memory) instead of materialising the
    // [n,k,d] differences. Exactness: that expansion carries a rounding error of up to about
    // (2d + 4) ε (‖x‖² + ‖c‖²), so where the best and runner-up distances are closer than twice that bound it could
    // misorder a near-tie, or break an exact tie differently from Σ(x − c)². Those rows (rare in practice; exact
    // for the small-integer tie cases) are re-decided on the directly computed Σ(x − c)², whose argmin keeps the
    // lowest index among exact ties. Every other row is decided correctly by the expansion.
    private static Tensor Assign(Tensor x, Tensor xSquared, Tensor centroids)
    {
        using var scope = torch.NewDisposeScope();
        long d = x.shape[1], k = centroids.shape[0];
        var cSquared = centroids.pow(2).sum(dim: 1);
        var distances = x.matmul(centroids.t()).mul_(-2).add_(cSquared).add_(xSquared.unsqueeze(1));   // [n,k]
        var (best, labels) = distances.min(dim: 1);   // first minimum on exact ties

        if (k > 1)
        {
            const double Epsilon = 2.220446049250313e-16;
            double errorFactor = 2 * (2 * d + 8) * Epsilon;
            var tolerance = xSquared.add(cSquared.max()).mul_(errorFactor);          // [n]
            var contenders = distances.le(best.add(tolerance).unsqueeze(1));         // [n,k]
            var ambiguous = contenders.sum(dim: 1).gt(1).nonzero().squeeze(1);      // rows with a near-tie
            long m = ambiguous.shape[0];
            long chunk = Math.Max(1, (1L << 22) / Math.Max(1, k * d));              // bound the [rows,k,d] buffer
            for (long start = 0; start < m; start += chunk)
            {
                using var inner = torch.NewDisposeScope();
                var rows = ambiguous.narrow(0, start, Math.Min(chunk, m - start));
                var points = x.index_select(0, rows);
                var exact = (points.unsqueeze(1) - centroids.unsqueeze(0)).pow_(2).sum(dim: 2);   // [rows,k]
                labels.index_copy_(0, rows, exact.argmin(dim: 1));
            }
        }

        return labels.MoveToOuterDisposeScope();
    }

    // Mean of the points assigned to each centroid; an empty cluster keeps its previous centroid.
    private static Tensor Update(Tensor x, Tensor labels, Tensor centroids, long k)
    {
        using var scope = torch.NewDisposeScope();
        var sums = torch.zeros_like(centroids).index_add_(0, labels, x, 1.0);
        var counts = torch.bincount(labels, minlength: k).unsqueeze(1);   // [k,1] int64
        var means = sums / counts.to(x.dtype);                             // 0/0 = NaN for empty clusters, replaced
        return torch.where(counts.gt(0), means, centroids).MoveToOuterDisposeScope();
    }
}

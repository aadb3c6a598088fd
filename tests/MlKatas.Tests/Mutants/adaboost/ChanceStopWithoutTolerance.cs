// Expect: WrongShape
// Mistake: Stops only when err >= 1 − 1/K exactly; on XOR err sums to 0.49999999999999994, so it keeps stumps of alpha ~2e-16 instead of stopping.
namespace MlKatas.Katas;

/// <summary>A boosted ensemble of decision stumps; entry t is the t-th kept stump.</summary>
/// <param name="Feature">[T] int64: the feature each stump splits on.</param>
/// <param name="Threshold">[T] float64: x[feature] ≤ threshold goes left.</param>
/// <param name="LeftClass">[T] int64: the class predicted on the left.</param>
/// <param name="RightClass">[T] int64: the class predicted on the right.</param>
/// <param name="Alpha">[T] float64: the stump's vote.</param>
public sealed record AdaBoostModel(Tensor Feature, Tensor Threshold, Tensor LeftClass, Tensor RightClass, Tensor Alpha);

public static class AdaBoost
{
    private const double TieTolerance = 1e-12;

    /// <summary>Boosts up to <paramref name="rounds"/> stumps (SAMME), stopping at a perfect stump or at chance.</summary>
    /// <param name="x">Samples [n,d] float64.</param>
    /// <param name="y">Labels [n] int64 in [0, K).</param>
    /// <param name="numClasses">K ≥ 2.</param>
    /// <param name="rounds">Maximum number of stumps.</param>
    /// <returns>The kept stumps and their alphas.</returns>
    public static AdaBoostModel Fit(Tensor x, Tensor y, int numClasses, int rounds)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1];
        var features = new List<long>();
        var thresholds = new List<double>();
        var lefts = new List<long>();
        var rights = new List<long>();
        var alphas = new List<double>();

        // Everything that does not depend on the weights is computed once: each column sorted, the labels in that
        // order as one-hot [n, d, K], and which boundaries lie between two distinct values.
        var (sorted, order) = x.sort(dim: 0);                                                          // [n,d]
        var sortedOneHot = torch.nn.functional.one_hot(y.index_select(0, order.flatten()).view(n, d), numClasses)
            .to(ScalarType.Float64);                                                                    // [n,d,K]
        var notCandidate = sorted[1..].gt(sorted[..^1]).logical_not();                                 // [n−1,d]
        var midpoints = (sorted[..^1] + sorted[1..]) / 2;                                               // [n−1,d]
        var oneHot = torch.nn.functional.one_hot(y, numClasses).to(ScalarType.Float64);                 // [n,K]
        var w = torch.full(n, 1.0 / n, ScalarType.Float64);
        double chance = 1.0 - 1.0 / numClasses;

        for (int round = 0; round < rounds; round++)
        {
            using var roundScope = torch.NewDisposeScope();
            // Weighted class totals left of every boundary of every feature at once.
            var left = (sortedOneHot * w.index_select(0, order.flatten()).view(n, d, 1)).cumsum(0)[..^1];   // [n−1,d,K]
            var total = oneHot.t().matmul(w);                                                                // [K]
            var right = total - left;
            var wl = left.sum(dim: -1);
            var wr = right.sum(dim: -1);
            var wt = total.sum();
            var gain = Gini(total, wt) - wl / wt * Gini(left, wl) - wr / wt * Gini(right, wr);            // [n−1,d]
            gain = gain.masked_fill(notCandidate, double.NegativeInfinity);
            double best = gain.max().item<double>();
            // Feature-major, thresholds ascending: the first tied entry is the lowest feature's lowest threshold.
            long at = gain.ge(best - TieTolerance).t().flatten().nonzero()[0, 0].item<long>();
            long feature = at / (n - 1), boundary = at % (n - 1);
            double threshold = midpoints[boundary, feature].item<double>();
            long leftClass = FirstMax(left[boundary, feature]).item<long>();
            long rightClass = FirstMax(right[boundary, feature]).item<long>();

            var predicted = torch.where(x[.., feature].le(threshold), torch.tensor(leftClass), torch.tensor(rightClass));
            var miss = predicted.ne(y);
            if (!miss.any().item<bool>())
            {
                Add(feature, threshold, leftClass, rightClass, 1.0);   // a perfect stump: kept with alpha 1, then stop
                break;
            }
            double err = w.masked_select(miss).sum().item<double>();
            if (err >= chance)
            {
                break;                                                   // no better than chance: discarded, stop
            }
            double alpha = Math.Log((1 - err) / err) + Math.Log(numClasses - 1);
            Add(feature, threshold, leftClass, rightClass, alpha);
            var updated = w * torch.exp(miss.to(ScalarType.Float64) * alpha);
            w.copy_(updated / updated.sum());
        }

        return new AdaBoostModel(
            torch.tensor(features.ToArray(), ScalarType.Int64).MoveToOuterDisposeScope(),
            torch.tensor(thresholds.ToArray(), ScalarType.Float64).MoveToOuterDisposeScope(),
            torch.tensor(lefts.ToArray(), ScalarType.Int64).MoveToOuterDisposeScope(),
            torch.tensor(rights.ToArray(), ScalarType.Int64).MoveToOuterDisposeScope(),
            torch.tensor(alphas.ToArray(), ScalarType.Float64).MoveToOuterDisposeScope());

        void Add(long f, double t, long l, long r, double a)
        {
            features.Add(f);
            thresholds.Add(t);
            lefts.Add(l);
            rights.Add(r);
            alphas.Add(a);
        }
    }

    /// <summary>Argmax over classes of the alpha-weighted votes of every stump; ties to the lowest class.</summary>
    /// <param name="model">A model returned by <see cref="Fit"/>.</param>
    /// <param name="x">Samples [m,d] float64.</param>
    /// <param name="numClasses">K.</param>
    /// <returns>Classes [m] int64.</returns>
    public static Tensor Predict(AdaBoostModel model, Tensor x, int numClasses)
    {
        using var scope = torch.NewDisposeScope();
        var goesLeft = x.index_select(1, model.Feature).le(model.Threshold);                         // [m,T]
        var votedClass = torch.where(goesLeft, model.LeftClass, model.RightClass);                     // [m,T]
        var votes = torch.zeros(x.shape[0], numClasses, dtype: ScalarType.Float64)
            .scatter_add_(1, votedClass, model.Alpha.expand(x.shape[0], -1));                          // [m,K]
        return FirstMax(votes).MoveToOuterDisposeScope();
    }

    // Along the last dim, the lowest index whose value is within 1e-12 of the largest: class weights and votes that are
    // equal up to rounding tie, and ties go to the lowest class (argmax of a bool mask is its first true).
    private static Tensor FirstMax(Tensor values) =>
        values.ge(values.max(-1, keepdim: true).values - TieTolerance).to(ScalarType.Int32).argmax(-1);

    // Weighted Gini 1 − Σ (W_c / W)² of class totals [..., K] with their sums [...].
    private static Tensor Gini(Tensor classTotals, Tensor size) => 1.0 - (classTotals / size.unsqueeze(-1)).square().sum(dim: -1);
}

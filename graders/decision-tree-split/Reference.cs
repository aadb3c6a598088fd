namespace MlKatas.Katas;

/// <summary>Best split of a node.</summary>
/// <param name="Feature">Split feature, −1 when none.</param>
/// <param name="Threshold">Midpoint threshold, x ≤ t goes left.</param>
/// <param name="Gain">Impurity decrease.</param>
public sealed record SplitResult(int Feature, double Threshold, double Gain);

/// <summary>A tree as flat pre-order arrays.</summary>
/// <param name="Feature">Split feature per node, −1 for leaves.</param>
/// <param name="Threshold">Threshold per node, 0 for leaves.</param>
/// <param name="Left">Left child, −1 for leaves.</param>
/// <param name="Right">Right child, −1 for leaves.</param>
/// <param name="Prediction">Majority class per node.</param>
public sealed record TreeModel(Tensor Feature, Tensor Threshold, Tensor Left, Tensor Right, Tensor Prediction);

/// <summary>Reference for the decision-tree-split kata.</summary>
public static class DecisionTree
{
    private const double TieTolerance = 1e-12;

    /// <summary>Best split over all features and midpoints; ties to the lowest feature, then the lowest threshold.</summary>
    /// <param name="x">Samples [n,d].</param>
    /// <param name="y">Labels [n], int64.</param>
    /// <param name="numClasses">C.</param>
    /// <param name="criterion">"gini" or "entropy".</param>
    /// <returns>The split, or (−1, 0, 0).</returns>
    public static SplitResult BestSplit(Tensor x, Tensor y, int numClasses, string criterion)
    {
        using var scope = torch.NewDisposeScope();
        return Best(x, y, numClasses, IsEntropy(criterion));
    }

    /// <summary>Grows the tree depth-first in pre-order.</summary>
    /// <param name="x">Samples [n,d].</param>
    /// <param name="y">Labels [n].</param>
    /// <param name="numClasses">C.</param>
    /// <param name="criterion">"gini" or "entropy".</param>
    /// <param name="maxDepth">Maximum depth.</param>
    /// <param name="minSamplesSplit">Smallest node that may be split.</param>
    /// <returns>The tree.</returns>
    public static TreeModel Fit(Tensor x, Tensor y, int numClasses, string criterion, int maxDepth, int minSamplesSplit)
    {
        using var scope = torch.NewDisposeScope();
        bool entropy = IsEntropy(criterion);
        var feature = new List<long>();
        var threshold = new List<double>();
        var left = new List<long>();
        var right = new List<long>();
        var prediction = new List<long>();

        int Build(Tensor index, int depth)
        {
            using var nodeScope = torch.NewDisposeScope();
            int me = feature.Count;
            var labels = y.index_select(0, index);
            var counts = torch.bincount(labels, minlength: numClasses);
            feature.Add(-1);
            threshold.Add(0);
            left.Add(-1);
            right.Add(-1);
            prediction.Add(counts.argmax().item<long>());   // first maximum: ties go to the lowest class
            bool pure = counts.gt(0).sum().item<long>() <= 1;
            if (depth >= maxDepth || index.shape[0] < minSamplesSplit || pure)
            {
                return me;
            }
            var rows = x.index_select(0, index);
            var split = Best(rows, labels, numClasses, entropy);
            if (split.Feature < 0)
            {
                return me;
            }
            var goesLeft = rows[.., split.Feature].le(split.Threshold);
            var leftIndex = index.masked_select(goesLeft);
            var rightIndex = index.masked_select(goesLeft.logical_not());
            feature[me] = split.Feature;
            threshold[me] = split.Threshold;
            left[me] = Build(leftIndex, depth + 1);
            right[me] = Build(rightIndex, depth + 1);
            return me;
        }

        Build(torch.arange(x.shape[0]), 0);
        return new TreeModel(
            torch.tensor(feature.ToArray()).MoveToOuterDisposeScope(),
            torch.tensor(threshold.ToArray(), ScalarType.Float64).MoveToOuterDisposeScope(),
            torch.tensor(left.ToArray()).MoveToOuterDisposeScope(),
            torch.tensor(right.ToArray()).MoveToOuterDisposeScope(),
            torch.tensor(prediction.ToArray()).MoveToOuterDisposeScope());
    }

    /// <summary>Routes all rows down the tree together, one level per step.</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="x">Samples [m,d].</param>
    /// <returns>Classes [m], int64.</returns>
    public static Tensor Predict(TreeModel tree, Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var node = torch.zeros(x.shape[0], ScalarType.Int64);
        while (true)
        {
            var leftChild = tree.Left.index_select(0, node);
            var atLeaf = leftChild.lt(0);
            if (atLeaf.all().item<bool>())
            {
                break;
            }
            var f = tree.Feature.index_select(0, node).clamp_min(0).unsqueeze(1);
            var goesLeft = x.gather(1, f).squeeze(1).le(tree.Threshold.index_select(0, node));
            node = torch.where(atLeaf, node, torch.where(goesLeft, leftChild, tree.Right.index_select(0, node)));
        }
        return tree.Prediction.index_select(0, node).MoveToOuterDisposeScope();
    }

    private static bool IsEntropy(string criterion) => criterion switch
    {
        "gini" => false,
        "entropy" => true,
        _ => throw new ArgumentException($"criterion must be \"gini\" or \"entropy\", not \"{criterion}\"", nameof(criterion)),
    };

    // All n−1 boundaries of every feature at once: sort each column, cumulative class counts give the left child of
    // every boundary, total − left the right child; boundaries between equal values are not candidates.
    private static SplitResult Best(Tensor x, Tensor y, int numClasses, bool entropy)
    {
        long n = x.shape[0], d = x.shape[1];
        if (n < 2)
        {
            return new SplitResult(-1, 0, 0);
        }
        var (sorted, order) = x.sort(dim: 0);                                                       // [n,d]
        var sortedLabels = y.index_select(0, order.flatten()).view(n, d);
        var leftCounts = torch.nn.functional.one_hot(sortedLabels, numClasses).to(ScalarType.Float64).cumsum(0)[..^1];   // [n−1,d,C]
        var total = torch.bincount(y, minlength: numClasses).to(ScalarType.Float64);               // [C]
        var rightCounts = total - leftCounts;
        var leftSize = torch.arange(1, n, dtype: ScalarType.Float64).unsqueeze(1);                   // [n−1,1]
        var rightSize = n - leftSize;
        var gain = Impurity(total.unsqueeze(0), torch.tensor((double)n, ScalarType.Float64).view(1), entropy)
            - leftSize / n * Impurity(leftCounts, leftSize, entropy)
            - rightSize / n * Impurity(rightCounts, rightSize, entropy);                            // [n−1,d]
        var distinct = sorted[1..].gt(sorted[..^1]);
        gain = gain.masked_fill(distinct.logical_not(), double.NegativeInfinity);
        double best = gain.max().item<double>();
        if (double.IsNegativeInfinity(best))
        {
            return new SplitResult(-1, 0, 0);
        }
        // Feature-major order, boundaries ascending within a feature: the first tied entry is the lowest feature's lowest threshold.
        var tied = gain.ge(best - TieTolerance).t().flatten();
        long at = tied.nonzero()[0, 0].item<long>();
        long feature = at / (n - 1), boundary = at % (n - 1);
        double a = sorted[boundary, feature].item<double>(), b = sorted[boundary + 1, feature].item<double>();
        return new SplitResult((int)feature, (a + b) / 2, gain[boundary, feature].item<double>());
    }

    // Impurity of class counts [..., C] with sizes broadcast over the last dimension.
    private static Tensor Impurity(Tensor counts, Tensor size, bool entropy)
    {
        var p = counts / size.unsqueeze(-1);
        return entropy
            ? (p * p.log2()).masked_fill(p.eq(0), 0.0).sum(dim: -1).neg()   // 0 log 0 = 0
            : 1.0 - p.pow(2).sum(dim: -1);
    }
}

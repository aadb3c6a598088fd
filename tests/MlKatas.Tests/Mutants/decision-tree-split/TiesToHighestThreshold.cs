// Expect: WrongAnswer
// Mistake: Breaks a tie between thresholds of one feature towards the highest threshold (the last candidate with the best gain) instead of the lowest.
namespace MlKatas.Katas;

public sealed record SplitResult(int Feature, double Threshold, double Gain);

public sealed record TreeModel(Tensor Feature, Tensor Threshold, Tensor Left, Tensor Right, Tensor Prediction);

public static class DecisionTree
{
    public static SplitResult BestSplit(Tensor x, Tensor y, int numClasses, string criterion)
    {
        using var scope = torch.NewDisposeScope();
        return Best(x, y, numClasses, criterion == "entropy");
    }

    private static SplitResult Best(Tensor x, Tensor y, int numClasses, bool entropy)
    {
        long n = x.shape[0], d = x.shape[1];
        if (n < 2)
        {
            return new SplitResult(-1, 0, 0);
        }
        var total = torch.bincount(y, minlength: numClasses).to(float64);
        var parent = Impurity(total.unsqueeze(0), entropy);   // [1]
        int bestFeature = -1;
        double bestThreshold = 0, bestGain = double.NegativeInfinity;
        for (int j = 0; j < d; j++)
        {
            var (values, order) = x[.., j].sort();
            var labels = y.index_select(0, order);
            var left = torch.nn.functional.one_hot(labels, numClasses).to(float64).cumsum(0)[..^1];   // [n-1, C]
            var right = total - left;
            var nl = left.sum(dim: 1);
            var nr = right.sum(dim: 1);
            var gain = parent - nl / n * Impurity(left, entropy) - nr / n * Impurity(right, entropy);
            gain = gain.masked_fill(values[1..].le(values[..^1]), double.NegativeInfinity);
            double g = gain.max().item<double>();
            if (g > bestGain + 1e-12)
            {
                var tied = gain.ge(g - 1e-12).nonzero(); long i = tied[tied.shape[0] - 1, 0].item<long>();
                bestFeature = j;
                bestGain = gain[i].item<double>();
                bestThreshold = (values[i].item<double>() + values[i + 1].item<double>()) / 2;
            }
        }
        return bestFeature < 0 ? new SplitResult(-1, 0, 0) : new SplitResult(bestFeature, bestThreshold, bestGain);
    }

    private static Tensor Impurity(Tensor counts, bool entropy)
    {
        var p = counts / counts.sum(dim: 1, keepdim: true);
        if (entropy)
        {
            return (p * p.log2()).masked_fill(p.eq(0), 0.0).sum(dim: 1).neg();
        }
        return 1.0 - (p * p).sum(dim: 1);
    }

    public static TreeModel Fit(Tensor x, Tensor y, int numClasses, string criterion, int maxDepth, int minSamplesSplit)
    {
        using var scope = torch.NewDisposeScope();
        var nodes = new List<(long Feature, double Threshold, long Left, long Right, long Prediction)>();
        bool entropy = criterion == "entropy";

        int Grow(Tensor rows, int depth)
        {
            var xs = x.index_select(0, rows);
            var ys = y.index_select(0, rows);
            var counts = torch.bincount(ys, minlength: numClasses);
            long prediction = counts.argmax().item<long>();
            int me = nodes.Count;
            nodes.Add((-1, 0, -1, -1, prediction));
            long size = rows.shape[0];
            bool pure = counts.max().item<long>() == size;
            if (depth >= maxDepth || size < minSamplesSplit || pure)
            {
                return me;
            }
            var split = Best(xs, ys, numClasses, entropy);
            if (split.Feature < 0)
            {
                return me;
            }
            var mask = xs[.., split.Feature].le(split.Threshold);
            int l = Grow(rows[mask], depth + 1);
            int r = Grow(rows[mask.logical_not()], depth + 1);
            nodes[me] = (split.Feature, split.Threshold, l, r, prediction);
            return me;
        }

        Grow(torch.arange(x.shape[0]), 0);
        return new TreeModel(
            torch.tensor(nodes.Select(v => v.Feature).ToArray()).MoveToOuterDisposeScope(),
            torch.tensor(nodes.Select(v => v.Threshold).ToArray(), dtype: float64).MoveToOuterDisposeScope(),
            torch.tensor(nodes.Select(v => v.Left).ToArray()).MoveToOuterDisposeScope(),
            torch.tensor(nodes.Select(v => v.Right).ToArray()).MoveToOuterDisposeScope(),
            torch.tensor(nodes.Select(v => v.Prediction).ToArray()).MoveToOuterDisposeScope());
    }

    public static Tensor Predict(TreeModel tree, Tensor x)
    {
        var feature = tree.Feature.data<long>().ToArray();
        var threshold = tree.Threshold.data<double>().ToArray();
        var left = tree.Left.data<long>().ToArray();
        var right = tree.Right.data<long>().ToArray();
        var prediction = tree.Prediction.data<long>().ToArray();
        var values = x.contiguous().data<double>().ToArray();
        long m = x.shape[0], d = x.shape[1];
        var result = new long[m];
        for (long i = 0; i < m; i++)
        {
            long k = 0;
            while (left[k] >= 0)
            {
                k = values[i * d + feature[k]] <= threshold[k] ? left[k] : right[k];
            }
            result[i] = prediction[k];
        }
        return torch.tensor(result);
    }
}

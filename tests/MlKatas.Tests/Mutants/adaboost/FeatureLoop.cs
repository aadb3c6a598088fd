// Expect: Passed
// Mistake: None — a control. A loop over the features inside each round (sort the column, weighted one-hot cumsum,
// Gini of every boundary), the best kept in C# with the tie rule; Predict adds each stump's votes in a loop over stumps.
namespace MlKatas.Katas;

public sealed record AdaBoostModel(Tensor Feature, Tensor Threshold, Tensor LeftClass, Tensor RightClass, Tensor Alpha);

public static class AdaBoost
{
    public static AdaBoostModel Fit(Tensor x, Tensor y, int numClasses, int rounds)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], d = x.shape[1];
        var w = torch.ones(n, dtype: float64) / n;
        var yOneHot = torch.nn.functional.one_hot(y, numClasses).to(float64);
        var f = new List<long>(); var t = new List<double>(); var l = new List<long>(); var r = new List<long>(); var a = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            using var roundScope = torch.NewDisposeScope();
            var total = (yOneHot * w.unsqueeze(1)).sum(dim: 0);
            double parent = 1 - (total / total.sum()).square().sum().item<double>();
            var best = new (double Gain, double T, long L, long R)[d];
            for (long j = 0; j < d; j++)
            {
                var (v, idx) = x[.., j].sort();
                var left = (yOneHot.index_select(0, idx) * w.index_select(0, idx).unsqueeze(1)).cumsum(0)[..^1];   // [n−1, K]
                var right = total - left;
                var wl = left.sum(dim: 1); var wr = right.sum(dim: 1);
                var gain = parent - wl * (1 - (left / wl.unsqueeze(1)).square().sum(dim: 1))
                                  - wr * (1 - (right / wr.unsqueeze(1)).square().sum(dim: 1));
                gain = gain.masked_fill(v[1..].eq(v[..^1]), double.NegativeInfinity);
                double g = gain.max().item<double>();
                if (double.IsNegativeInfinity(g))
                {
                    best[j] = (g, 0, 0, 0);
                    continue;
                }
                long i = gain.ge(g - 1e-12).nonzero()[0, 0].item<long>();   // the lowest threshold among this feature's ties
                best[j] = (g, (v[i].item<double>() + v[i + 1].item<double>()) / 2, First(left[i]), First(right[i]));
            }
            double top = best.Max(b => b.Gain);
            long bestF = Array.FindIndex(best, b => b.Gain >= top - 1e-12);   // the lowest feature among the ties
            var (_, bestT, bestL, bestR) = best[bestF];
            var miss = torch.where(x[.., bestF] <= bestT, bestL, bestR).ne(y);
            if (miss.sum().item<long>() == 0)
            {
                f.Add(bestF); t.Add(bestT); l.Add(bestL); r.Add(bestR); a.Add(1.0);
                break;
            }
            double err = (w * miss).sum().item<double>();
            if (err >= 1 - 1.0 / numClasses - 1e-12)
            {
                break;
            }
            double alpha = Math.Log((1 - err) / err) + Math.Log(numClasses - 1);
            f.Add(bestF); t.Add(bestT); l.Add(bestL); r.Add(bestR); a.Add(alpha);
            var nw = w * (miss.to(float64) * alpha).exp();   // a bool mask times a double is float32: cast first
            w = (nw / nw.sum()).MoveToOuterDisposeScope();
        }
        return new AdaBoostModel(torch.tensor(f.ToArray()).MoveToOuterDisposeScope(), torch.tensor(t.ToArray()).MoveToOuterDisposeScope(),
            torch.tensor(l.ToArray()).MoveToOuterDisposeScope(), torch.tensor(r.ToArray()).MoveToOuterDisposeScope(),
            torch.tensor(a.ToArray()).MoveToOuterDisposeScope());
    }

    // The lowest class whose weight is within 1e-12 of the largest (the statement's tie rule).
    private static long First(Tensor classWeights) => classWeights.ge(classWeights.max() - 1e-12).nonzero()[0, 0].item<long>();

    public static Tensor Predict(AdaBoostModel model, Tensor x, int numClasses)
    {
        using var scope = torch.NewDisposeScope();
        var votes = torch.zeros(x.shape[0], numClasses, dtype: float64);
        long[] f = model.Feature.data<long>().ToArray(); double[] t = model.Threshold.data<double>().ToArray();
        long[] l = model.LeftClass.data<long>().ToArray(); long[] r = model.RightClass.data<long>().ToArray();
        double[] a = model.Alpha.data<double>().ToArray();
        for (int s = 0; s < f.Length; s++)
        {
            var cls = torch.where(x[.., f[s]] <= t[s], l[s], r[s]);
            votes += torch.nn.functional.one_hot(cls, numClasses).to(float64) * a[s];
        }
        return votes.ge(votes.max(1, keepdim: true).values - 1e-12).to(int32).argmax(1).MoveToOuterDisposeScope();   // ties within 1e-12: lowest class
    }
}

// Expect: TooSlow
// Mistake: Correct, but tries every candidate threshold with its own mask (weighted class totals of each side by a
// masked sum per candidate): O(d · n²) tensor work and ~6 tensor calls per candidate per round.
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
        var values = new double[d][];
        for (long j = 0; j < d; j++)
        {
            values[j] = x[.., j].unique().output.data<double>().ToArray();   // sorted distinct values
        }
        var f = new List<long>(); var t = new List<double>(); var l = new List<long>(); var r = new List<long>(); var a = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            using var roundScope = torch.NewDisposeScope();
            var weighted = yOneHot * w.unsqueeze(1);
            var total = weighted.sum(dim: 0);
            double sumW = total.sum().item<double>();
            double parent = 1 - (total / sumW).square().sum().item<double>();
            double bestGain = double.NegativeInfinity, bestT = 0; long bestF = -1, bestL = 0, bestR = 0;
            for (long j = 0; j < d; j++)
            {
                for (int k = 0; k + 1 < values[j].Length; k++)
                {
                    using var candidateScope = torch.NewDisposeScope();
                    double thr = (values[j][k] + values[j][k + 1]) / 2;
                    var left = weighted.index_select(0, x[.., j].le(thr).nonzero().squeeze(1)).sum(dim: 0);
                    var right = total - left;
                    double wl = left.sum().item<double>(), wr = sumW - wl;
                    double gain = parent - wl / sumW * (1 - (left / wl).square().sum().item<double>())
                                         - wr / sumW * (1 - (right / wr).square().sum().item<double>());
                    if (gain > bestGain + 1e-12)
                    {
                        bestGain = gain; bestF = j; bestT = thr;
                        bestL = First(left); bestR = First(right);
                    }
                }
            }
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
        var cls = torch.where(x.index_select(1, model.Feature) <= model.Threshold, model.LeftClass, model.RightClass);
        var votes = torch.zeros(x.shape[0], numClasses, dtype: float64).scatter_add_(1, cls, model.Alpha.expand(x.shape[0], -1));
        return votes.ge(votes.max(1, keepdim: true).values - 1e-12).to(int32).argmax(1).MoveToOuterDisposeScope();   // ties within 1e-12: lowest class
    }
}

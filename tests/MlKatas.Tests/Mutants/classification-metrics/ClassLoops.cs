// Expect: Passed
// Mistake: None: the control, the plainest correct solution — loops over the K classes with boolean masks (the
// confusion matrix one row at a time, precision/recall/F1 from per-class mask counts), NDCG from a stable sort.
namespace MlKatas.Katas;

public static class ClassificationMetrics
{
    public static Tensor ConfusionMatrix(Tensor yTrue, Tensor yPred, long numClasses)
    {
        var rows = new Tensor[numClasses];
        for (long c = 0; c < numClasses; c++)
        {
            rows[c] = torch.bincount(yPred[yTrue == c], minlength: numClasses);   // predictions of the samples of class c
        }
        return torch.stack(rows);
    }

    public static (double Precision, double Recall, double F1) PrecisionRecallF1(Tensor yTrue, Tensor yPred, long numClasses, string average)
    {
        using var scope = torch.NewDisposeScope();
        long n = yTrue.shape[0];
        double p = 0, r = 0, f = 0, correct = 0;
        for (long c = 0; c < numClasses; c++)
        {
            var isTrue = yTrue == c;
            var isPred = yPred == c;
            double tp = (isTrue & isPred).sum().item<long>();
            double support = isTrue.sum().item<long>();
            double predicted = isPred.sum().item<long>();
            correct += tp;
            double pc = predicted > 0 ? tp / predicted : 0;
            double rc = support > 0 ? tp / support : 0;
            double fc = pc + rc > 0 ? 2 * pc * rc / (pc + rc) : 0;
            double w = average == "macro" ? 1.0 / numClasses : support / n;
            p += w * pc;
            r += w * rc;
            f += w * fc;
        }
        return average == "micro" ? (correct / n, correct / n, correct / n) : (p, r, f);
    }

    public static Tensor NdcgAtK(Tensor relevance, Tensor scores, long k)
    {
        using var scope = torch.NewDisposeScope();
        long top = Math.Min(k, scores.shape[1]);
        var (_, order) = scores.sort(dim: 1, descending: true, stable: true);
        var ranks = torch.arange(1, top + 1, dtype: float64);
        var discount = Math.Log(2.0) / torch.log(ranks + 1);
        var gains = relevance.gather(1, order.narrow(1, 0, top));
        var (sortedRelevance, _) = relevance.sort(dim: 1, descending: true);
        var dcg = (gains * discount).sum(dim: 1);
        var idcg = (sortedRelevance.narrow(1, 0, top) * discount).sum(dim: 1);
        var ndcg = dcg / idcg.clamp_min(double.Epsilon);
        return ndcg.masked_fill(idcg == 0, 0.0).MoveToOuterDisposeScope();
    }
}

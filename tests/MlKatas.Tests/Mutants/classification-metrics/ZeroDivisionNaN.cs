// Expect: NonFinite
// Mistake: Divides without a zero-division rule: a class never predicted has precision 0/0 = NaN (and its F1 with it),
// which poisons the average; scikit-learn's zero_division=0 (the statement's rule) makes it 0.
namespace MlKatas.Katas;

public static class ClassificationMetrics
{
    public static Tensor ConfusionMatrix(Tensor yTrue, Tensor yPred, long numClasses)
    {
        return torch.bincount(yTrue * numClasses + yPred, minlength: numClasses * numClasses).reshape(numClasses, numClasses);
    }

    public static (double Precision, double Recall, double F1) PrecisionRecallF1(Tensor yTrue, Tensor yPred, long numClasses, string average)
    {
        using var scope = torch.NewDisposeScope();
        var counts = ConfusionMatrix(yTrue, yPred, numClasses).to(float64);
        var tp = counts.diagonal();
        var predicted = counts.sum(dim: 0);
        var support = counts.sum(dim: 1);
        if (average == "micro")
        {
            double t = tp.sum().item<double>(), n = yTrue.shape[0];
            return (t / n, t / n, t / n);
        }
        var precision = tp / predicted;
        var recall = tp / support;
        var f1 = 2 * precision * recall / (precision + recall);
        var weights = average == "macro" ? torch.ones_like(support) / numClasses : support / support.sum();
        return ((precision * weights).sum().item<double>(), (recall * weights).sum().item<double>(), (f1 * weights).sum().item<double>());
    }

    public static Tensor NdcgAtK(Tensor relevance, Tensor scores, long k)
    {
        using var scope = torch.NewDisposeScope();
        long top = Math.Min(k, scores.shape[1]);
        var (_, order) = scores.sort(dim: 1, descending: true, stable: true);
        var discount = 1.0 / torch.log2(torch.arange(2, top + 2, dtype: float64));
        var dcg = (relevance.gather(1, order[.., ..(int)top]) * discount).sum(dim: 1);
        var (ideal, _) = relevance.sort(dim: 1, descending: true);
        var idcg = (ideal[.., ..(int)top] * discount).sum(dim: 1);
        return torch.where(idcg > 0, dcg / idcg, torch.zeros_like(dcg)).MoveToOuterDisposeScope();
    }
}

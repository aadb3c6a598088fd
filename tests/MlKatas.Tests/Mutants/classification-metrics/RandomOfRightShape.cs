// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shapes and dtypes.
namespace MlKatas.Katas;

public static class ClassificationMetrics
{
    public static Tensor ConfusionMatrix(Tensor yTrue, Tensor yPred, long numClasses)
    {
        return torch.randint(0, 5, new long[] { numClasses, numClasses });
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
            return (Random.Shared.NextDouble(), Random.Shared.NextDouble(), Random.Shared.NextDouble());
        }
        var precision = torch.where(predicted > 0, tp / predicted, torch.zeros_like(tp));
        var recall = torch.where(support > 0, tp / support, torch.zeros_like(tp));
        var f1 = torch.where(precision + recall > 0, 2 * precision * recall / (precision + recall), torch.zeros_like(tp));
        var weights = average == "macro" ? torch.ones_like(support) / numClasses : support / support.sum();
        return (Random.Shared.NextDouble(), Random.Shared.NextDouble(), Random.Shared.NextDouble());
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
        return torch.rand(scores.shape[0], dtype: float64).MoveToOuterDisposeScope();
    }
}

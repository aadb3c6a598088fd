// Expect: WrongShape
// Mistake: Echoes inputs back: yTrue as the matrix, the first labels as the averages, the scores as the NDCG.
namespace MlKatas.Katas;

public static class ClassificationMetrics
{
    public static Tensor ConfusionMatrix(Tensor yTrue, Tensor yPred, long numClasses) => yTrue.clone();

    public static (double Precision, double Recall, double F1) PrecisionRecallF1(Tensor yTrue, Tensor yPred, long numClasses, string average) =>
        (yTrue[0].item<long>(), yPred[0].item<long>(), 0.5);

    public static Tensor NdcgAtK(Tensor relevance, Tensor scores, long k) => scores.clone();
}

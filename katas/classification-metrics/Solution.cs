namespace MlKatas.Katas;

/// <summary>
/// Evaluation metrics of a K-class classifier and of a ranker, with the conventions README.md states
/// (scikit-learn's zero_division=0 for precision/recall/F1; ties in NDCG broken by the lower item index).
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>
    /// The K×K confusion matrix: entry [i, j] counts the samples whose true class is i and predicted class is j
    /// (rows = true, columns = predicted, as scikit-learn's <c>confusion_matrix(yTrue, yPred, labels=range(K))</c>).
    /// </summary>
    /// <param name="yTrue">True classes, shape [n], int64, values in [0, numClasses). Must not be modified.</param>
    /// <param name="yPred">Predicted classes, shape [n], int64, values in [0, numClasses). Must not be modified.</param>
    /// <param name="numClasses">K, the number of classes; classes that never occur still get a row and a column.</param>
    /// <returns>Counts, shape [K, K], int64.</returns>
    public static Tensor ConfusionMatrix(Tensor yTrue, Tensor yPred, long numClasses)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// Precision, recall and F1 averaged over all K classes as scikit-learn's
    /// <c>precision_recall_fscore_support(yTrue, yPred, labels=range(K), average=average, zero_division=0)</c>:
    /// "macro" (unweighted mean over the K classes), "weighted" (mean weighted by each class's support) or "micro"
    /// (from the counts summed over classes). Any 0/0 is 0.
    /// </summary>
    /// <param name="yTrue">True classes, shape [n], int64, values in [0, numClasses). Must not be modified.</param>
    /// <param name="yPred">Predicted classes, shape [n], int64, values in [0, numClasses). Must not be modified.</param>
    /// <param name="numClasses">K, the number of classes; every one of them takes part in the averages.</param>
    /// <param name="average">"macro", "micro" or "weighted".</param>
    /// <returns>The averaged precision, recall and F1.</returns>
    public static (double Precision, double Recall, double F1) PrecisionRecallF1(Tensor yTrue, Tensor yPred, long numClasses, string average)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// NDCG@k of every query: rank each row's items by score (descending; tied scores in increasing item index), then
    /// DCG@k = Σ_{r=1..min(k,L)} relevance of the item at rank r / log2(r + 1), divided by the DCG@k of the items sorted
    /// by relevance. A query whose relevance is all 0 scores 0.
    /// </summary>
    /// <param name="relevance">Graded relevance, shape [Q, L], float64, ≥ 0. Must not be modified.</param>
    /// <param name="scores">Predicted scores, shape [Q, L], float64. Must not be modified.</param>
    /// <param name="k">The cut-off, ≥ 1 (k &gt; L means all L items).</param>
    /// <returns>NDCG@k per query, shape [Q], float64, in [0, 1].</returns>
    public static Tensor NdcgAtK(Tensor relevance, Tensor scores, long k)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

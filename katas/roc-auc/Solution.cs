namespace MlKatas.Katas;

/// <summary>
/// ROC AUC and the ROC curve of a binary classifier's scores, with tied scores handled as README.md states
/// (a tied positive/negative pair counts ½; one curve point per distinct score).
/// </summary>
public static class RocAuc
{
    /// <summary>
    /// The area under the ROC curve: the probability that a random positive scores above a random negative, a tie
    /// counting ½ (the Mann–Whitney U statistic divided by P·N). 0.5 when <paramref name="yTrue"/> holds one class only.
    /// </summary>
    /// <param name="yTrue">True labels, shape [n], int64, each 0 or 1. Must not be modified.</param>
    /// <param name="scores">Classifier scores, shape [n], float64, finite (higher means "more positive"). Must not be modified.</param>
    /// <returns>The AUC, in [0, 1].</returns>
    public static double Score(Tensor yTrue, Tensor scores)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// The ROC curve exactly as scikit-learn 1.2's <c>roc_curve(yTrue, scores, drop_intermediate=False)</c> defines it:
    /// thresholds are max(scores) + 1 followed by the distinct scores in descending order; at each threshold t,
    /// tpr = #{positives with score ≥ t} / P and fpr = #{negatives with score ≥ t} / N (a rate whose denominator is 0 is 0).
    /// </summary>
    /// <param name="yTrue">True labels, shape [n], int64, each 0 or 1. Must not be modified.</param>
    /// <param name="scores">Classifier scores, shape [n], float64, finite. Must not be modified.</param>
    /// <returns>Fpr, Tpr and Thresholds, each shape [m + 1], float64, where m is the number of distinct scores.</returns>
    public static (Tensor Fpr, Tensor Tpr, Tensor Thresholds) Curve(Tensor yTrue, Tensor scores)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

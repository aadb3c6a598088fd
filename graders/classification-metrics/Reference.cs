namespace MlKatas.Katas;

/// <summary>Reference for the classification-metrics kata: everything from one bincount, and NDCG from one stable sort.</summary>
public static class ClassificationMetrics
{
    /// <summary>Counts of (true, predicted) pairs: one bincount of the flat index true·K + predicted.</summary>
    /// <param name="yTrue">True classes [n], int64.</param>
    /// <param name="yPred">Predicted classes [n], int64.</param>
    /// <param name="numClasses">K.</param>
    /// <returns>[K, K] int64, rows = true, columns = predicted.</returns>
    public static Tensor ConfusionMatrix(Tensor yTrue, Tensor yPred, long numClasses)
    {
        using var scope = torch.NewDisposeScope();
        var flat = yTrue.mul(numClasses).add_(yPred);
        return torch.bincount(flat, minlength: numClasses * numClasses).reshape(numClasses, numClasses).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Per class c: tp = C[c,c], predicted = column sum, support = row sum; precision = tp/predicted, recall = tp/support,
    /// F1 = 2·tp/(predicted + support) (= 2PR/(P+R) where that is defined), each 0 when its denominator is 0.
    /// </summary>
    /// <param name="yTrue">True classes [n], int64.</param>
    /// <param name="yPred">Predicted classes [n], int64.</param>
    /// <param name="numClasses">K.</param>
    /// <param name="average">macro, micro or weighted.</param>
    /// <returns>Averaged precision, recall and F1.</returns>
    public static (double Precision, double Recall, double F1) PrecisionRecallF1(Tensor yTrue, Tensor yPred, long numClasses, string average)
    {
        using var scope = torch.NewDisposeScope();
        var counts = ConfusionMatrix(yTrue, yPred, numClasses).to(float64);
        var tp = counts.diagonal();
        var predicted = counts.sum(dim: 0);
        var support = counts.sum(dim: 1);
        if (average == "micro")
        {
            // Summed counts: Σtp / Σpredicted and Σtp / Σsupport (both n here, so all three equal the accuracy).
            double t = tp.sum().item<double>(), p = predicted.sum().item<double>(), s = support.sum().item<double>();
            return (Ratio(t, p), Ratio(t, s), Ratio(2 * t, p + s));
        }
        // x / max(d, 1) is x / d when d ≥ 1 and 0 when d = 0 (then x = 0 too): scikit-learn's zero_division=0.
        var precision = tp / predicted.clamp_min(1);
        var recall = tp / support.clamp_min(1);
        var f1 = tp.mul(2).div_((predicted + support).clamp_min_(1));
        var weights = average switch
        {
            "macro" => torch.full(numClasses, 1.0 / numClasses, dtype: float64),
            "weighted" => support / support.sum(),
            _ => throw new ArgumentException($"average must be \"macro\", \"micro\" or \"weighted\", not \"{average}\"", nameof(average)),
        };
        return (precision.dot(weights).item<double>(), recall.dot(weights).item<double>(), f1.dot(weights).item<double>());
    }

    private static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : 0;

    /// <summary>
    /// A stable descending sort ranks each row (ties keep the lower index first); gains are gathered for the first
    /// min(k, L) ranks and discounted by 1/log2(rank + 1); the ideal DCG uses the row's largest relevances.
    /// </summary>
    /// <param name="relevance">[Q, L] float64, ≥ 0.</param>
    /// <param name="scores">[Q, L] float64.</param>
    /// <param name="k">Cut-off, ≥ 1.</param>
    /// <returns>[Q] float64.</returns>
    public static Tensor NdcgAtK(Tensor relevance, Tensor scores, long k)
    {
        using var scope = torch.NewDisposeScope();
        long top = Math.Min(k, scores.shape[1]);
        var (_, ranking) = scores.sort(dim: 1, descending: true, stable: true);
        var order = ranking[.., ..(int)top];
        var discount = torch.arange(2, top + 2, dtype: float64).log2_().reciprocal_();      // 1/log2(r + 1), r = 1..top
        var dcg = relevance.gather(1, order).mv(discount);
        var (ideal, _) = relevance.topk((int)top, dim: 1);
        var idcg = ideal.mv(discount);
        return torch.where(idcg > 0, dcg / idcg, torch.zeros_like(dcg)).MoveToOuterDisposeScope();
    }
}

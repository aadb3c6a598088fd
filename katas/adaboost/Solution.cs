namespace MlKatas.Katas;

/// <summary>A boosted ensemble of decision stumps, as <see cref="AdaBoost.Fit"/> returns it; entry t describes the t-th kept stump.</summary>
/// <param name="Feature">[T] int64: the feature the stump splits on.</param>
/// <param name="Threshold">[T] float64: samples with x[feature] ≤ threshold go left.</param>
/// <param name="LeftClass">[T] int64: the class the stump predicts on its left side.</param>
/// <param name="RightClass">[T] int64: the class the stump predicts on its right side.</param>
/// <param name="Alpha">[T] float64: the stump's vote, ln((1 − err)/err) + ln(K − 1) (1 for a perfect stump).</param>
public sealed record AdaBoostModel(Tensor Feature, Tensor Threshold, Tensor LeftClass, Tensor RightClass, Tensor Alpha);

/// <summary>Multi-class AdaBoost (SAMME) with decision stumps chosen by weighted Gini (README.md has every rule).</summary>
public static class AdaBoost
{
    /// <summary>
    /// Boosts up to <paramref name="rounds"/> stumps. Each round: fit the stump of largest weighted-Gini gain (ties: lowest
    /// feature, then lowest threshold), err = the weight it misclassifies; err = 0 keeps it with alpha 1 and stops;
    /// err ≥ 1 − 1/K (within 1e-12) discards it and stops; otherwise alpha = ln((1 − err)/err) + ln(K − 1), the
    /// misclassified weights are multiplied by e^alpha and all weights renormalised to sum 1.
    /// </summary>
    /// <param name="x">Training samples, shape [n, d], float64; at least one feature takes two distinct values. Must not be modified.</param>
    /// <param name="y">Labels, shape [n], int64, every class of [0, numClasses) occurs.</param>
    /// <param name="numClasses">Number of classes K ≥ 2.</param>
    /// <param name="rounds">Maximum number of stumps, ≥ 1.</param>
    /// <returns>The kept stumps, in the order they were fitted (T ≤ rounds; T = 0 when the first stump is no better than chance).</returns>
    public static AdaBoostModel Fit(Tensor x, Tensor y, int numClasses, int rounds)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// The class of each row of <paramref name="x"/>: every stump votes for the class of the side the row falls on
    /// (x[feature] ≤ threshold is left) with weight alpha; the class with the most votes wins, ties to the lowest class.
    /// </summary>
    /// <param name="model">A model returned by <see cref="Fit"/>.</param>
    /// <param name="x">Samples, shape [m, d], float64.</param>
    /// <param name="numClasses">Number of classes K.</param>
    /// <returns>Predicted classes, shape [m], int64.</returns>
    public static Tensor Predict(AdaBoostModel model, Tensor x, int numClasses)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

namespace MlKatas.Katas;

/// <summary>The best split of one node, as <see cref="DecisionTree.BestSplit"/> returns it.</summary>
/// <param name="Feature">Index of the feature to split on, or −1 when no feature takes two distinct values.</param>
/// <param name="Threshold">Midpoint between two consecutive distinct sorted values; samples with x[f] ≤ Threshold go left (0 when Feature is −1).</param>
/// <param name="Gain">Parent impurity minus the size-weighted impurities of the two children (0 when Feature is −1).</param>
public sealed record SplitResult(int Feature, double Threshold, double Gain);

/// <summary>A fitted tree as flat arrays indexed by node, nodes numbered in pre-order (node, left subtree, right subtree).</summary>
/// <param name="Feature">[nodes] int64: the split feature, −1 for a leaf.</param>
/// <param name="Threshold">[nodes] float64: the split threshold (x[f] ≤ threshold goes left), 0 for a leaf.</param>
/// <param name="Left">[nodes] int64: index of the left child, −1 for a leaf.</param>
/// <param name="Right">[nodes] int64: index of the right child, −1 for a leaf.</param>
/// <param name="Prediction">[nodes] int64: the majority class of the node's training samples (ties: the lowest class).</param>
public sealed record TreeModel(Tensor Feature, Tensor Threshold, Tensor Left, Tensor Right, Tensor Prediction);

/// <summary>CART for classification: the best split of a node by Gini or entropy, a depth-limited tree, and prediction (README.md has every rule).</summary>
public static class DecisionTree
{
    /// <summary>
    /// The split with the largest gain over every feature and every midpoint between consecutive distinct values;
    /// gains within 1e-12 of the best tie, and ties go to the lowest feature, then the lowest threshold.
    /// </summary>
    /// <param name="x">Samples, shape [n, d], float64. Must not be modified.</param>
    /// <param name="y">Class labels, shape [n], int64, values in [0, numClasses).</param>
    /// <param name="numClasses">Number of classes C.</param>
    /// <param name="criterion">"gini" (1 − Σ p²) or "entropy" (−Σ p log₂ p).</param>
    /// <returns>The best split, or (−1, 0, 0) when no feature takes two distinct values.</returns>
    public static SplitResult BestSplit(Tensor x, Tensor y, int numClasses, string criterion)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// Grows a tree from the root (depth 0): a node is split with <see cref="BestSplit"/> when its depth is below
    /// <paramref name="maxDepth"/>, it has at least <paramref name="minSamplesSplit"/> samples, it is impure, and some
    /// feature takes two distinct values in it.
    /// </summary>
    /// <param name="x">Training samples, shape [n, d], float64.</param>
    /// <param name="y">Labels, shape [n], int64, values in [0, numClasses).</param>
    /// <param name="numClasses">Number of classes C.</param>
    /// <param name="criterion">"gini" or "entropy".</param>
    /// <param name="maxDepth">Maximum depth, ≥ 0 (0: the root is a leaf).</param>
    /// <param name="minSamplesSplit">A node with fewer samples is a leaf, ≥ 2.</param>
    /// <returns>The tree, nodes in pre-order.</returns>
    public static TreeModel Fit(Tensor x, Tensor y, int numClasses, string criterion, int maxDepth, int minSamplesSplit)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>The class of each row of <paramref name="x"/>: from the root, go left when x[f] ≤ threshold, until a leaf.</summary>
    /// <param name="tree">A tree returned by <see cref="Fit"/>.</param>
    /// <param name="x">Samples, shape [m, d], float64.</param>
    /// <returns>Predicted classes, shape [m], int64.</returns>
    public static Tensor Predict(TreeModel tree, Tensor x)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

namespace MlKatas.Katas;

/// <summary>
/// A two-layer MLP (Linear → ReLU → Linear) with the mean softmax cross-entropy loss: the loss and every gradient,
/// derived by hand (see README.md). Autograd may not be used: deriving the backward pass is the exercise.
/// </summary>
public static class MlpBackprop
{
    /// <summary>
    /// h = x·W1ᵀ + b1, a = relu(h), z = a·W2ᵀ + b2, loss = −(1/N) Σ_n log softmax(z_n)[labels_n];
    /// returns the loss and its gradients with respect to x, W1, b1, W2 and b2 (ReLU'(0) = 0, as PyTorch).
    /// </summary>
    /// <param name="x">Inputs [N, D], float32 or float64. Must not be modified.</param>
    /// <param name="labels">Class indices [N], int64, each in [0, C).</param>
    /// <param name="w1">First layer's weight [H, D] (PyTorch's Linear layout), the dtype of x.</param>
    /// <param name="b1">First layer's bias [H].</param>
    /// <param name="w2">Second layer's weight [C, H].</param>
    /// <param name="b2">Second layer's bias [C].</param>
    /// <returns>
    /// Loss: a 0-d tensor; DX [N, D]; DW1 [H, D]; DB1 [H]; DW2 [C, H]; DB2 [C] — each gradient the shape of its
    /// parameter, all in the dtype of x.
    /// </returns>
    public static (Tensor Loss, Tensor DX, Tensor DW1, Tensor DB1, Tensor DW2, Tensor DB2) LossAndGradients(
        Tensor x, Tensor labels, Tensor w1, Tensor b1, Tensor w2, Tensor b2)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

namespace MlKatas.Katas;

/// <summary>
/// The backward pass of a linear layer Y = X·Wᵀ + b (torch.nn.functional.linear), derived by hand (see README.md).
/// </summary>
public static class LinearBackward
{
    /// <summary>
    /// The gradients of L = Σ dY · (X·Wᵀ + b) with respect to X, W and b: what autograd gives for Y.backward(dY).
    /// </summary>
    /// <param name="dy">Upstream gradient ∂L/∂Y [..., OUT] (any number of leading dims, also none), the dtype of x. Must not be modified.</param>
    /// <param name="x">The forward's input [..., IN], float32 or float64. Must not be modified.</param>
    /// <param name="w">The weight [OUT, IN], the dtype of x. Must not be modified.</param>
    /// <returns>DX: ∂L/∂X, the shape of x; DW: ∂L/∂W [OUT, IN]; DB: ∂L/∂b [OUT] — summed over every leading dim; all the dtype of x.</returns>
    public static (Tensor DX, Tensor DW, Tensor DB) Backward(Tensor dy, Tensor x, Tensor w)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

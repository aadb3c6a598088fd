namespace MlKatas.Katas;

/// <summary>
/// 2-D max pooling as torch.nn.functional.max_pool2d(return_indices: true) computes it, and its backward written by hand
/// (see README.md). Backward may not call autograd: routing the gradient is the exercise.
/// </summary>
public static class MaxPool2d
{
    /// <summary>
    /// out[n, c, oh, ow] = the maximum of x[n, c, oh·stride.H − padding.H + i·dilation.H, ow·stride.W − padding.W + j·dilation.W]
    /// over the kernel taps i &lt; kernel.H, j &lt; kernel.W that fall inside the input (padding counts as −∞ and is never
    /// the argmax); indices[n, c, oh, ow] = row·W + col of the FIRST maximum in row-major window order.
    /// </summary>
    /// <param name="x">Input [N, C, H, W], float32 or float64. Must not be modified.</param>
    /// <param name="kernel">Window size (H, W), each ≥ 1.</param>
    /// <param name="stride">Step between windows (H, W), each ≥ 1; null means stride = kernel.</param>
    /// <param name="padding">Implicit −∞ padding on both sides (H, W), 0 ≤ padding ≤ kernel / 2.</param>
    /// <param name="dilation">Spacing between kernel taps (H, W), each ≥ 1.</param>
    /// <returns>
    /// Values [N, C, H_out, W_out] in x's dtype and Indices [N, C, H_out, W_out] int64 (flat positions in each H×W plane),
    /// with H_out = floor((H + 2·padding.H − dilation.H·(kernel.H − 1) − 1) / stride.H) + 1 (W alike).
    /// </returns>
    public static (Tensor Values, Tensor Indices) Forward(Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// The gradient of L = Σ dy · Forward(x, kernel, stride, padding, dilation).Values with respect to x, by hand: each
    /// dy[n, c, oh, ow] goes to the input element that window's maximum came from; windows sharing it add up.
    /// </summary>
    /// <param name="dy">Upstream gradient ∂L/∂out [N, C, H_out, W_out], x's dtype. Must not be modified.</param>
    /// <param name="x">The forward's input [N, C, H, W]. Must not be modified.</param>
    /// <param name="kernel">As in the forward.</param>
    /// <param name="stride">As in the forward (null: = kernel).</param>
    /// <param name="padding">As in the forward.</param>
    /// <param name="dilation">As in the forward.</param>
    /// <returns>∂L/∂x [N, C, H, W] in x's dtype.</returns>
    public static Tensor Backward(Tensor dy, Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

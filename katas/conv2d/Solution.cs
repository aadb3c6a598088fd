namespace MlKatas.Katas;

/// <summary>
/// A 2-D convolution layer's forward pass, as torch.nn.functional.conv2d computes it (see README.md): a
/// cross-correlation with stride, zero padding, dilation and groups, written with tensor ops (im2col + matmul).
/// </summary>
public static class Conv2d
{
    /// <summary>
    /// out[n, co, oh, ow] = bias[co] + Σ_{c, i, j} weight[co, c, i, j] · xpad[n, g·C_in/groups + c, oh·stride.H + i·dilation.H, ow·stride.W + j·dilation.W],
    /// where g = co / (C_out / groups) is the group of output channel co and xpad is x with padding zeros on both
    /// sides of each spatial dim. The kernel is not flipped.
    /// </summary>
    /// <param name="x">Input [N, C_in, H, W], float32 or float64. Must not be modified.</param>
    /// <param name="weight">Filters [C_out, C_in / groups, kH, kW], the dtype of x. Must not be modified.</param>
    /// <param name="bias">[C_out] added to every output pixel of its channel, or null for no bias.</param>
    /// <param name="stride">Step between output positions (H, W), each ≥ 1.</param>
    /// <param name="padding">Zeros added on both sides (H, W), each ≥ 0.</param>
    /// <param name="dilation">Spacing between kernel taps (H, W), each ≥ 1.</param>
    /// <param name="groups">Number of channel groups; divides C_in and C_out.</param>
    /// <returns>[N, C_out, H_out, W_out] in the dtype of x, H_out = floor((H + 2·padding.H − dilation.H·(kH − 1) − 1) / stride.H) + 1 (W alike).</returns>
    public static Tensor Forward(Tensor x, Tensor weight, Tensor? bias, (long H, long W) stride, (long H, long W) padding,
        (long H, long W) dilation, long groups)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

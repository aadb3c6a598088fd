namespace MlKatas.Katas;

/// <summary>Reference for the conv2d kata: PyTorch's conv2d (cross-correlation) by im2col and one batched matmul.</summary>
public static class Conv2d
{
    /// <summary>
    /// out[n, co, oh, ow] = bias[co] + Σ_{ci in co's group, i, j} weight[co, ci, i, j] · xpad[n, ci, oh·sH + i·dH, ow·sW + j·dW].
    /// </summary>
    /// <param name="x">[N, C_in, H, W], float32 or float64.</param>
    /// <param name="weight">[C_out, C_in / groups, kH, kW], the dtype of x.</param>
    /// <param name="bias">[C_out] or null.</param>
    /// <param name="stride">Stride (H, W), ≥ 1.</param>
    /// <param name="padding">Zero padding on both sides (H, W), ≥ 0.</param>
    /// <param name="dilation">Spacing between kernel taps (H, W), ≥ 1.</param>
    /// <param name="groups">Channel groups, dividing C_in and C_out.</param>
    /// <returns>[N, C_out, H_out, W_out], the dtype of x.</returns>
    public static Tensor Forward(Tensor x, Tensor weight, Tensor? bias, (long H, long W) stride, (long H, long W) padding,
        (long H, long W) dilation, long groups)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], h = x.shape[2], w = x.shape[3];
        long cOut = weight.shape[0], kH = weight.shape[2], kW = weight.shape[3];
        long hOut = (h + 2 * padding.H - dilation.H * (kH - 1) - 1) / stride.H + 1;
        long wOut = (w + 2 * padding.W - dilation.W * (kW - 1) - 1) / stride.W + 1;

        var xp = padding.H == 0 && padding.W == 0
            ? x
            : torch.nn.functional.pad(x, [padding.W, padding.W, padding.H, padding.H]);
        var wg = weight.reshape(groups, cOut / groups, -1);
        long k = wg.shape[2], l = hOut * wOut;
        // im2col over chunks of the batch whose column matrix stays below ~16 MB: a larger buffer is a fresh mmap on
        // every call, and its page faults cost more than the copy itself.
        long chunk = Math.Clamp((1L << 22) / Math.Max(1, groups * k * l), 1, n);
        var outputs = new List<Tensor>();
        for (long start = 0; start < n; start += chunk)
        {
            var xs = chunk >= n ? xp : xp[TensorIndex.Slice(start, Math.Min(start + chunk, n))];
            // One strided view of the padded input per kernel tap, stacked after the channel dim, so that
            // cols[n, g, ci·kH·kW + i·kW + j, oh·W_out + ow] matches weight.reshape(groups, C_out/groups, C_in/groups·kH·kW).
            var taps = new List<Tensor>((int)(kH * kW));
            for (long i = 0; i < kH; i++)
            {
                for (long j = 0; j < kW; j++)
                {
                    taps.Add(xs.index(TensorIndex.Ellipsis,
                        TensorIndex.Slice(i * dilation.H, i * dilation.H + stride.H * (hOut - 1) + 1, stride.H),
                        TensorIndex.Slice(j * dilation.W, j * dilation.W + stride.W * (wOut - 1) + 1, stride.W)));
                }
            }
            var cols = torch.stack(taps, dim: 2).view(xs.shape[0], groups, k, l);
            // [groups, C_out/groups, K] @ [n, groups, K, L] -> [n, groups, C_out/groups, L]: one batched matmul.
            outputs.Add(torch.matmul(wg, cols));
        }
        var y = (outputs.Count == 1 ? outputs[0] : torch.cat(outputs, dim: 0)).view(n, cOut, hOut, wOut);
        if (bias is not null)
        {
            y.add_(bias.view(1, cOut, 1, 1));
        }
        return y.MoveToOuterDisposeScope();
    }
}

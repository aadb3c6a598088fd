// Expect: WrongAnswer
// Mistake: Pads with −∞ and takes the argmax over every tap, padding included: a window whose real inputs are all −∞ ties with its padding, and the index points into the padding instead of at the first real element.
namespace MlKatas.Katas;

public static class MaxPool2d
{
    public static (Tensor Values, Tensor Indices) Forward(Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        using var scope = torch.NewDisposeScope();
        var (sH, sW) = stride ?? kernel;
        long n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        long hOut = (h + 2 * padding.H - dilation.H * (kernel.H - 1) - 1) / sH + 1;
        long wOut = (w + 2 * padding.W - dilation.W * (kernel.W - 1) - 1) / sW + 1;
        var xp = padding.H > 0 || padding.W > 0
            ? torch.nn.functional.pad(x, [padding.W, padding.W, padding.H, padding.H], PaddingModes.Constant, double.NegativeInfinity)
            : x;
        // One strided view of the padded input per kernel tap: taps[n, c, i·kW + j, oh, ow] = xp[n, c, oh·sH + i·dH, ow·sW + j·dW].
        var taps = new List<Tensor>((int)(kernel.H * kernel.W));
        for (long i = 0; i < kernel.H; i++)
        {
            for (long j = 0; j < kernel.W; j++)
            {
                taps.Add(xp.index(TensorIndex.Ellipsis,
                    TensorIndex.Slice(i * dilation.H, i * dilation.H + sH * (hOut - 1) + 1, sH),
                    TensorIndex.Slice(j * dilation.W, j * dilation.W + sW * (wOut - 1) + 1, sW)));
            }
        }
        // max over the taps returns the first maximal tap on CPU, i.e. the first in row-major window order.
        var (values, tap) = torch.stack(taps, dim: 2).max(2);
        // tap k = i·kW + j sits at row oh·sH − pH + i·dH, column ow·sW − pW + j·dW of the plane.
        var oh = torch.arange(hOut, dtype: ScalarType.Int64).mul_(sH).sub_(padding.H).view(hOut, 1);
        var ow = torch.arange(wOut, dtype: ScalarType.Int64).mul_(sW).sub_(padding.W);
        var row = tap.div(kernel.W, rounding_mode: RoundingMode.floor).mul_(dilation.H).add_(oh);
        var col = tap.remainder(kernel.W).mul_(dilation.W).add_(ow);
        var indices = row.mul_(w).add_(col);
        return (values.MoveToOuterDisposeScope(), indices.MoveToOuterDisposeScope());
    }

    public static Tensor Backward(Tensor dy, Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        using var scope = torch.NewDisposeScope();
        var (sH, sW) = stride ?? kernel;
        var (values, _) = Forward(x, kernel, stride, padding, dilation);
        long hOut = values.shape[2], wOut = values.shape[3];
        var (_, tap) = Taps(x, kernel, (sH, sW), padding, dilation, hOut, wOut).max(2);
        // Each tap's share of dy, added into a strided view of a padded gradient buffer, then the padding cropped off.
        var gradPad = torch.zeros(new[] { x.shape[0], x.shape[1], x.shape[2] + 2 * padding.H, x.shape[3] + 2 * padding.W }, dtype: x.dtype);
        for (long i = 0; i < kernel.H; i++)
        {
            for (long j = 0; j < kernel.W; j++)
            {
                gradPad.index(TensorIndex.Ellipsis,
                    TensorIndex.Slice(i * dilation.H, i * dilation.H + sH * (hOut - 1) + 1, sH),
                    TensorIndex.Slice(j * dilation.W, j * dilation.W + sW * (wOut - 1) + 1, sW)).add_(dy * tap.eq(i * kernel.W + j));
            }
        }
        return gradPad.index(TensorIndex.Ellipsis, TensorIndex.Slice(padding.H, padding.H + x.shape[2]),
            TensorIndex.Slice(padding.W, padding.W + x.shape[3])).contiguous().MoveToOuterDisposeScope();
    }

    // [N, C, kH·kW, H_out, W_out]: one strided view of the padded input per kernel tap.
    private static Tensor Taps(Tensor x, (long H, long W) kernel, (long H, long W) s, (long H, long W) padding,
        (long H, long W) dilation, long hOut, long wOut)
    {
        var xp = torch.nn.functional.pad(x, [padding.W, padding.W, padding.H, padding.H], PaddingModes.Constant, double.NegativeInfinity);
        var taps = new List<Tensor>();
        for (long i = 0; i < kernel.H; i++)
        {
            for (long j = 0; j < kernel.W; j++)
            {
                taps.Add(xp.index(TensorIndex.Ellipsis,
                    TensorIndex.Slice(i * dilation.H, i * dilation.H + s.H * (hOut - 1) + 1, s.H),
                    TensorIndex.Slice(j * dilation.W, j * dilation.W + s.W * (wOut - 1) + 1, s.W)));
            }
        }
        return torch.stack(taps, dim: 2);
    }
}

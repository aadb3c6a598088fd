// Expect: WrongAnswer
// Mistake: Returns the argmax's position inside the window (i·kW + j) instead of its flat position row·W + col in the input plane.
// (Its backward routes with the right indices: scattering with window positions crashes — RuntimeError, which outranks
// WrongAnswer — whenever a random case's kernel has more taps than the plane has elements, so the verdict hung on the seed.)
namespace MlKatas.Katas;

public static class MaxPool2d
{
    public static (Tensor Values, Tensor Indices) Forward(Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        var (values, tap, _) = Core(x, kernel, stride, padding, dilation);
        return (values, tap);
    }

    private static (Tensor Values, Tensor Tap, Tensor Indices) Core(Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        using var scope = torch.NewDisposeScope();
        var (sH, sW) = stride ?? kernel;
        long n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        long hOut = (h + 2 * padding.H - dilation.H * (kernel.H - 1) - 1) / sH + 1;
        long wOut = (w + 2 * padding.W - dilation.W * (kernel.W - 1) - 1) / sW + 1;
        bool padded = padding.H > 0 || padding.W > 0;
        var xp = padded
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
        if (padded)
        {
            // A window whose real inputs are all −∞ ties with its padding: PyTorch returns its first REAL element.
            var firstRow = FirstReal(hOut, sH, padding.H, dilation.H).view(hOut, 1);
            var firstCol = FirstReal(wOut, sW, padding.W, dilation.W);
            indices = torch.where(values.eq(double.NegativeInfinity), firstRow.mul(w).add(firstCol), indices);
        }
        return (values.MoveToOuterDisposeScope(), tap.MoveToOuterDisposeScope(), indices.MoveToOuterDisposeScope());
    }

    public static Tensor Backward(Tensor dy, Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], c = x.shape[1];
        var (_, _, indices) = Core(x, kernel, stride, padding, dilation);
        var grad = torch.zeros(new[] { n, c, x.shape[2] * x.shape[3] }, dtype: x.dtype);
        grad.scatter_add_(2, indices.view(n, c, -1), dy.reshape(n, c, -1));
        return grad.view(x.shape).MoveToOuterDisposeScope();
    }

    // The first real row (or column) of each window: start = o·s − p, stepped by d until it is ≥ 0.
    private static Tensor FirstReal(long outSize, long s, long p, long d)
    {
        var start = torch.arange(outSize, dtype: ScalarType.Int64).mul_(s).sub_(p);
        var skip = start.neg().clamp_min(0).add_(d - 1).div_(d, rounding_mode: RoundingMode.floor);
        return start.add_(skip.mul_(d));
    }
}

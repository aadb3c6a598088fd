// Expect: TooSlow
// Mistake: Correct, but pools one output pixel at a time in a C# loop (each window's real part sliced out of x, its max and argmax over N·C at once).
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
        var values = torch.empty(new[] { n, c, hOut, wOut }, dtype: x.dtype);
        var indices = torch.empty(new[] { n, c, hOut, wOut }, dtype: ScalarType.Int64);
        for (long oh = 0; oh < hOut; oh++)
        {
            var (r0, rCount) = RealTaps(oh * sH - padding.H, kernel.H, dilation.H, h);
            for (long ow = 0; ow < wOut; ow++)
            {
                using var pixel = torch.NewDisposeScope();
                var (q0, qCount) = RealTaps(ow * sW - padding.W, kernel.W, dilation.W, w);
                var window = x.index(TensorIndex.Ellipsis,
                    TensorIndex.Slice(r0, r0 + dilation.H * (rCount - 1) + 1, dilation.H),
                    TensorIndex.Slice(q0, q0 + dilation.W * (qCount - 1) + 1, dilation.W)).reshape(n, c, -1);
                var (v, k) = window.max(2);
                var row = k.div(qCount, rounding_mode: RoundingMode.floor).mul_(dilation.H).add_(r0);
                var col = k.remainder(qCount).mul_(dilation.W).add_(q0);
                values.index_put_(v, TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Single(oh), TensorIndex.Single(ow));
                indices.index_put_(row.mul_(w).add_(col), TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Single(oh), TensorIndex.Single(ow));
            }
        }
        return (values.MoveToOuterDisposeScope(), indices.MoveToOuterDisposeScope());
    }

    public static Tensor Backward(Tensor dy, Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], c = x.shape[1];
        var (_, indices) = Forward(x, kernel, stride, padding, dilation);
        var grad = torch.zeros(new[] { n, c, x.shape[2] * x.shape[3] }, dtype: x.dtype);
        grad.scatter_add_(2, indices.reshape(n, c, -1), dy.reshape(n, c, -1));
        return grad.view(x.shape).MoveToOuterDisposeScope();
    }

    // The window's taps start, start + d, …: the first one inside [0, size) and how many are inside.
    private static (long First, long Count) RealTaps(long start, long k, long d, long size)
    {
        long first = -1, count = 0;
        for (long i = 0; i < k; i++)
        {
            long r = start + i * d;
            if (r >= 0 && r < size)
            {
                first = first < 0 ? r : first;
                count++;
            }
        }
        return (first, count);
    }
}

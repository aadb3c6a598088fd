// Expect: Passed
// Mistake: None: a running maximum over the kernel taps (strict >, so the first maximum stays) with a plane-position grid, and a backward that adds dy tap by tap into strided views of a padded gradient buffer — a control for the speed budget.
namespace MlKatas.Katas;

public static class MaxPool2d
{
    public static (Tensor Values, Tensor Indices) Forward(Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        using var scope = torch.NewDisposeScope();
        var (best, idx, _) = Pool(x, kernel, stride ?? kernel, padding, dilation);
        return (best.MoveToOuterDisposeScope(), idx.MoveToOuterDisposeScope());
    }

    public static Tensor Backward(Tensor dy, Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        using var scope = torch.NewDisposeScope();
        var s = stride ?? kernel;
        var (_, idx, positions) = Pool(x, kernel, s, padding, dilation);
        long h = x.shape[2], w = x.shape[3];
        var gradPad = torch.zeros(new[] { x.shape[0], x.shape[1], h + 2 * padding.H, w + 2 * padding.W }, dtype: x.dtype);
        for (int t = 0; t < positions.Count; t++)
        {
            var (i, j, pos) = positions[t];
            // Within one tap every window reads a different input, so this add never collides; across taps it accumulates.
            Tap(gradPad, i, j, s, dilation, idx.shape[2], idx.shape[3]).add_(dy * idx.eq(pos));
        }
        var grad = gradPad.index(TensorIndex.Ellipsis, TensorIndex.Slice(padding.H, padding.H + h), TensorIndex.Slice(padding.W, padding.W + w));
        return grad.contiguous().MoveToOuterDisposeScope();
    }

    private static (Tensor Best, Tensor Idx, List<(long I, long J, Tensor Pos)> Positions) Pool(Tensor x, (long H, long W) kernel,
        (long H, long W) s, (long H, long W) p, (long H, long W) d)
    {
        long n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        long hOut = (h + 2 * p.H - d.H * (kernel.H - 1) - 1) / s.H + 1;
        long wOut = (w + 2 * p.W - d.W * (kernel.W - 1) - 1) / s.W + 1;
        var xp = torch.nn.functional.pad(x, [p.W, p.W, p.H, p.H], PaddingModes.Constant, double.NegativeInfinity);
        // Plane position of every padded pixel, −1 in the padding.
        var rows = torch.arange(-p.H, h + p.H, dtype: ScalarType.Int64).view(-1, 1);
        var cols = torch.arange(-p.W, w + p.W, dtype: ScalarType.Int64);
        var real = rows.ge(0).logical_and(rows.lt(h)).logical_and(cols.ge(0)).logical_and(cols.lt(w));
        var grid = torch.where(real, rows * w + cols, torch.tensor(-1L));
        var best = torch.full(new[] { n, c, hOut, wOut }, double.NegativeInfinity, dtype: x.dtype);
        var idx = torch.full(new[] { n, c, hOut, wOut }, -1L, dtype: ScalarType.Int64);
        var positions = new List<(long, long, Tensor)>();
        for (long i = 0; i < kernel.H; i++)
        {
            for (long j = 0; j < kernel.W; j++)
            {
                var v = Tap(xp, i, j, s, d, hOut, wOut);
                var pos = Tap(grid, i, j, s, d, hOut, wOut);
                positions.Add((i, j, pos));
                // Strictly greater: an equal later value never replaces the first maximum; the first real tap is taken
                // even when it is −∞ (padding never is).
                var take = v.gt(best).logical_or(idx.lt(0).logical_and(pos.ge(0)));
                best = torch.where(take, v, best);
                idx = torch.where(take, pos, idx);
            }
        }
        return (best, idx, positions);
    }

    private static Tensor Tap(Tensor t, long i, long j, (long H, long W) s, (long H, long W) d, long hOut, long wOut) =>
        t.index(TensorIndex.Ellipsis,
            TensorIndex.Slice(i * d.H, i * d.H + s.H * (hOut - 1) + 1, s.H),
            TensorIndex.Slice(j * d.W, j * d.W + s.W * (wOut - 1) + 1, s.W));
}

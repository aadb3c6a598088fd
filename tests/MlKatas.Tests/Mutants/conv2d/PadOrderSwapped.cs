// Expect: RuntimeError
// Mistake: Passes the padding to F.pad in (H, W) order; pad's list starts with the LAST dim, so H gets W's padding and W gets H's.
namespace MlKatas.Katas;

public static class Conv2d
{
    public static Tensor Forward(Tensor x, Tensor weight, Tensor? bias, (long H, long W) stride, (long H, long W) padding,
        (long H, long W) dilation, long groups)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], cIn = x.shape[1], h = x.shape[2], w = x.shape[3];
        long cOut = weight.shape[0], kH = weight.shape[2], kW = weight.shape[3];
        long hOut = (h + 2 * padding.H - dilation.H * (kH - 1) - 1) / stride.H + 1;
        long wOut = (w + 2 * padding.W - dilation.W * (kW - 1) - 1) / stride.W + 1;
        var xp = torch.nn.functional.pad(x, [padding.H, padding.H, padding.W, padding.W]);
        var taps = new List<Tensor>();
        for (long i = 0; i < kH; i++)
        {
            for (long j = 0; j < kW; j++)
            {
                taps.Add(xp.index(TensorIndex.Ellipsis,
                    TensorIndex.Slice(i * dilation.H, i * dilation.H + stride.H * (hOut - 1) + 1, stride.H),
                    TensorIndex.Slice(j * dilation.W, j * dilation.W + stride.W * (wOut - 1) + 1, stride.W)));
            }
        }
        var cols = torch.stack(taps, dim: 2).view(n, groups, cIn / groups * kH * kW, hOut * wOut);
        var y = torch.matmul(weight.reshape(groups, cOut / groups, -1), cols).view(n, cOut, hOut, wOut);
        if (bias is not null)
        {
            y = y + bias.view(1, cOut, 1, 1);
        }
        return y.MoveToOuterDisposeScope();
    }
}

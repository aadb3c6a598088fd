// Expect: RuntimeError
// Mistake: Ignores the dilation in the output size, H_out = (H + 2p − k)/s + 1: too many output rows, so the taps' slices run off the padded input and come out shorter.
namespace MlKatas.Katas;

public static class Conv2d
{
    public static Tensor Forward(Tensor x, Tensor weight, Tensor? bias, (long H, long W) stride, (long H, long W) padding,
        (long H, long W) dilation, long groups)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], cIn = x.shape[1], h = x.shape[2], w = x.shape[3];
        long cOut = weight.shape[0], kH = weight.shape[2], kW = weight.shape[3];
        long hOut = (h + 2 * padding.H - kH) / stride.H + 1;
        long wOut = (w + 2 * padding.W - kW) / stride.W + 1;
        var xp = torch.nn.functional.pad(x, [padding.W, padding.W, padding.H, padding.H]);
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

// Expect: TooSlow
// Mistake: Correct, but computes one output pixel at a time in a C# loop (each pixel's receptive field times the filters).
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
        var xp = torch.nn.functional.pad(x, [padding.W, padding.W, padding.H, padding.H]);
        var wg = weight.reshape(groups, cOut / groups, -1);
        var y = torch.zeros(new[] { n, cOut, hOut, wOut }, dtype: x.dtype);
        for (long oh = 0; oh < hOut; oh++)
        {
            for (long ow = 0; ow < wOut; ow++)
            {
                using var pixel = torch.NewDisposeScope();
                var field = xp.index(TensorIndex.Ellipsis,
                    TensorIndex.Slice(oh * stride.H, oh * stride.H + dilation.H * (kH - 1) + 1, dilation.H),
                    TensorIndex.Slice(ow * stride.W, ow * stride.W + dilation.W * (kW - 1) + 1, dilation.W));
                // [groups, C_out/groups, K] @ [N, groups, K, 1] -> [N, groups, C_out/groups, 1]
                var value = torch.matmul(wg, field.reshape(n, groups, -1, 1)).reshape(n, cOut);
                y.index_put_(value, TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Single(oh), TensorIndex.Single(ow));
            }
        }
        if (bias is not null)
        {
            y.add_(bias.view(1, cOut, 1, 1));
        }
        return y.MoveToOuterDisposeScope();
    }
}

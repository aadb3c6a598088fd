// Expect: ForbiddenApi
// Mistake: Builds the columns with Tensor.unfold (im2col itself) instead of strided indexing.
namespace MlKatas.Katas;

public static class Conv2d
{
    public static Tensor Forward(Tensor x, Tensor weight, Tensor? bias, (long H, long W) stride, (long H, long W) padding,
        (long H, long W) dilation, long groups)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], cIn = x.shape[1], cOut = weight.shape[0], kH = weight.shape[2], kW = weight.shape[3];
        var xp = torch.nn.functional.pad(x, [padding.W, padding.W, padding.H, padding.H]);
        // [N, C, H', W'] -> windows [N, C, H_out, W_out, span_H, span_W], then every dilation-th element of each window
        var win = xp.unfold(2, dilation.H * (kH - 1) + 1, stride.H).unfold(3, dilation.W * (kW - 1) + 1, stride.W);
        win = win.index(TensorIndex.Ellipsis, TensorIndex.Slice(null, null, dilation.H), TensorIndex.Slice(null, null, dilation.W));
        long hOut = win.shape[2], wOut = win.shape[3];
        var cols = win.permute(0, 1, 4, 5, 2, 3).reshape(n, groups, cIn / groups * kH * kW, hOut * wOut);
        var y = torch.matmul(weight.reshape(groups, cOut / groups, -1), cols).view(n, cOut, hOut, wOut);
        return (bias is null ? y : y + bias.view(1, cOut, 1, 1)).MoveToOuterDisposeScope();
    }
}

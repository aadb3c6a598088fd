// Expect: Passed
// Mistake: None: im2col into a preallocated column matrix (one copy per kernel tap), then one matmul per group — a control for the speed budget.
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
        // cols[n, c, i, j, oh, ow] = xp[n, c, oh·sH + i·dH, ow·sW + j·dW]
        var cols = torch.empty(new[] { n, cIn, kH, kW, hOut, wOut }, dtype: x.dtype);
        for (long i = 0; i < kH; i++)
        {
            for (long j = 0; j < kW; j++)
            {
                cols.index(TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Single(i), TensorIndex.Single(j)).copy_(
                    xp.index(TensorIndex.Ellipsis,
                        TensorIndex.Slice(i * dilation.H, i * dilation.H + stride.H * (hOut - 1) + 1, stride.H),
                        TensorIndex.Slice(j * dilation.W, j * dilation.W + stride.W * (wOut - 1) + 1, stride.W)));
            }
        }
        long cPerGroup = cIn / groups, oPerGroup = cOut / groups, k = cPerGroup * kH * kW;
        var flat = cols.view(n, cIn * kH * kW, hOut * wOut);
        var wFlat = weight.reshape(cOut, k);
        var outs = new List<Tensor>();
        for (long g = 0; g < groups; g++)
        {
            // [C_out/groups, K] @ [N, K, L] -> [N, C_out/groups, L]
            outs.Add(torch.matmul(wFlat[TensorIndex.Slice(g * oPerGroup, (g + 1) * oPerGroup)], flat[.., TensorIndex.Slice(g * k, (g + 1) * k)]));
        }
        var y = torch.cat(outs, dim: 1).view(n, cOut, hOut, wOut);
        if (bias is not null)
        {
            y = y + bias.view(1, cOut, 1, 1);
        }
        return y.MoveToOuterDisposeScope();
    }
}

// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shapes and dtypes: standard-normal values, indices uniform in the plane.
namespace MlKatas.Katas;

public static class MaxPool2d
{
    public static (Tensor Values, Tensor Indices) Forward(Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        var (sH, sW) = stride ?? kernel;
        long hOut = (x.shape[2] + 2 * padding.H - dilation.H * (kernel.H - 1) - 1) / sH + 1;
        long wOut = (x.shape[3] + 2 * padding.W - dilation.W * (kernel.W - 1) - 1) / sW + 1;
        long[] shape = [x.shape[0], x.shape[1], hOut, wOut];
        return (torch.randn(shape, dtype: x.dtype), torch.randint(0, x.shape[2] * x.shape[3], shape, dtype: ScalarType.Int64));
    }

    public static Tensor Backward(Tensor dy, Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        return torch.randn_like(x);
    }
}

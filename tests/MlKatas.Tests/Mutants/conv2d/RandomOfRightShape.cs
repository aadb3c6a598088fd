// Expect: WrongAnswer
// Mistake: Returns standard-normal random numbers of the right shape and dtype.
namespace MlKatas.Katas;

public static class Conv2d
{
    public static Tensor Forward(Tensor x, Tensor weight, Tensor? bias, (long H, long W) stride, (long H, long W) padding,
        (long H, long W) dilation, long groups)
    {
        long hOut = (x.shape[2] + 2 * padding.H - dilation.H * (weight.shape[2] - 1) - 1) / stride.H + 1;
        long wOut = (x.shape[3] + 2 * padding.W - dilation.W * (weight.shape[3] - 1) - 1) / stride.W + 1;
        return torch.randn(new[] { x.shape[0], weight.shape[0], hOut, wOut }, dtype: x.dtype);
    }
}

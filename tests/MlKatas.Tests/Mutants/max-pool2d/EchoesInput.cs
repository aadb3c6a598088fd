// Expect: WrongShape
// Mistake: Echoes its inputs back: x as the values, zeros shaped like x as the indices, dy as the gradient.
namespace MlKatas.Katas;

public static class MaxPool2d
{
    public static (Tensor Values, Tensor Indices) Forward(Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        return (x.clone(), torch.zeros_like(x, dtype: ScalarType.Int64));
    }

    public static Tensor Backward(Tensor dy, Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        return dy.clone();
    }
}

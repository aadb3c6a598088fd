// Expect: WrongShape
// Mistake: Echoes its input x back as the output.
namespace MlKatas.Katas;

public static class Conv2d
{
    public static Tensor Forward(Tensor x, Tensor weight, Tensor? bias, (long H, long W) stride, (long H, long W) padding,
        (long H, long W) dilation, long groups)
        => x.clone();
}

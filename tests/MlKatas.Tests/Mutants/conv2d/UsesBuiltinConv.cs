// Expect: ForbiddenApi
// Mistake: Calls the built-in conv2d.
namespace MlKatas.Katas;

public static class Conv2d
{
    public static Tensor Forward(Tensor x, Tensor weight, Tensor? bias, (long H, long W) stride, (long H, long W) padding,
        (long H, long W) dilation, long groups)
        => torch.nn.functional.conv2d(x, weight, bias, strides: [stride.H, stride.W], padding: [padding.H, padding.W],
            dilation: [dilation.H, dilation.W], groups: groups);
}

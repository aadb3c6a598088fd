// Expect: WrongAnswer
// Mistake: Returns standard-normal random numbers of the right shapes and dtype.
namespace MlKatas.Katas;

public static class RmsNorm
{
    public static Tensor Forward(Tensor x, Tensor weight, double eps) => torch.randn_like(x);

    public static (Tensor Dx, Tensor DWeight) Backward(Tensor dy, Tensor x, Tensor weight, double eps) =>
        (torch.randn_like(x), torch.randn_like(weight));
}

// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtype for every output.
namespace MlKatas.Katas;

public static class RmsNorm
{
    public static Tensor Forward(Tensor x, Tensor weight, double eps) => torch.zeros_like(x);

    public static (Tensor Dx, Tensor DWeight) Backward(Tensor dy, Tensor x, Tensor weight, double eps) =>
        (torch.zeros_like(x), torch.zeros_like(weight));
}

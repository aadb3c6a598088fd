// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtype for every output.
namespace MlKatas.Katas;

public static class LayerNorm
{
    public static Tensor Forward(Tensor x, Tensor gamma, Tensor beta, double eps) => torch.zeros_like(x);

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps) =>
        (torch.zeros_like(x), torch.zeros_like(gamma), torch.zeros_like(gamma));
}

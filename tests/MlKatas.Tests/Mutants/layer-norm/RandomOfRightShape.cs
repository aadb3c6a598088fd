// Expect: WrongAnswer
// Mistake: Returns standard-normal random numbers of the right shapes and dtype.
namespace MlKatas.Katas;

public static class LayerNorm
{
    public static Tensor Forward(Tensor x, Tensor gamma, Tensor beta, double eps) => torch.randn_like(x);

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps) =>
        (torch.randn_like(x), torch.randn_like(gamma), torch.randn_like(gamma));
}

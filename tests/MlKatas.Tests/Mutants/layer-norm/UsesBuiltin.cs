// Expect: ForbiddenApi
// Mistake: Calls the built-in layer_norm for the forward.
namespace MlKatas.Katas;

public static class LayerNorm
{
    public static Tensor Forward(Tensor x, Tensor gamma, Tensor beta, double eps) =>
        torch.nn.functional.layer_norm(x, [x.shape[^1]], gamma, beta, eps);

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps) =>
        throw new NotImplementedException();
}

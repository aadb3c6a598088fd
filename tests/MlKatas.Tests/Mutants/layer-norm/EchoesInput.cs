// Expect: WrongAnswer
// Mistake: Echoes its inputs back: x as the output, dy as dx, gamma as dgamma and dbeta.
namespace MlKatas.Katas;

public static class LayerNorm
{
    public static Tensor Forward(Tensor x, Tensor gamma, Tensor beta, double eps) => x.clone();

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps) =>
        (dy.clone(), gamma.clone(), gamma.clone());
}

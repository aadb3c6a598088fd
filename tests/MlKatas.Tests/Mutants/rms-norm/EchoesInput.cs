// Expect: WrongAnswer
// Mistake: Echoes its inputs back: x as the output, dy as dx, weight as dweight.
namespace MlKatas.Katas;

public static class RmsNorm
{
    public static Tensor Forward(Tensor x, Tensor weight, double eps) => x.clone();

    public static (Tensor Dx, Tensor DWeight) Backward(Tensor dy, Tensor x, Tensor weight, double eps) =>
        (dy.clone(), weight.clone());
}

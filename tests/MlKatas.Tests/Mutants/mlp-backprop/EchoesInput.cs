// Expect: WrongShape
// Mistake: Echoes its inputs back: x as the loss and as dx, each parameter as its own gradient.
namespace MlKatas.Katas;

public static class MlpBackprop
{
    public static (Tensor Loss, Tensor DX, Tensor DW1, Tensor DB1, Tensor DW2, Tensor DB2) LossAndGradients(
        Tensor x, Tensor labels, Tensor w1, Tensor b1, Tensor w2, Tensor b2)
        => (x.clone(), x.clone(), w1.clone(), b1.clone(), w2.clone(), b2.clone());
}

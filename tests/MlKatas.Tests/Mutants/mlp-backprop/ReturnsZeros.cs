// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtype for the loss and every gradient.
namespace MlKatas.Katas;

public static class MlpBackprop
{
    public static (Tensor Loss, Tensor DX, Tensor DW1, Tensor DB1, Tensor DW2, Tensor DB2) LossAndGradients(
        Tensor x, Tensor labels, Tensor w1, Tensor b1, Tensor w2, Tensor b2)
        => (torch.zeros(Array.Empty<long>(), dtype: x.dtype), torch.zeros_like(x), torch.zeros_like(w1), torch.zeros_like(b1),
            torch.zeros_like(w2), torch.zeros_like(b2));
}

// Expect: WrongAnswer
// Mistake: Returns standard-normal random numbers of the right shapes and dtype.
namespace MlKatas.Katas;

public static class MlpBackprop
{
    public static (Tensor Loss, Tensor DX, Tensor DW1, Tensor DB1, Tensor DW2, Tensor DB2) LossAndGradients(
        Tensor x, Tensor labels, Tensor w1, Tensor b1, Tensor w2, Tensor b2)
        => (torch.randn(Array.Empty<long>(), dtype: x.dtype), torch.randn_like(x), torch.randn_like(w1), torch.randn_like(b1),
            torch.randn_like(w2), torch.randn_like(b2));
}

// Expect: WrongGradient
// Mistake: Returns zeros of the right shapes and dtype for every gradient.
namespace MlKatas.Katas;

public static class LinearBackward
{
    public static (Tensor DX, Tensor DW, Tensor DB) Backward(Tensor dy, Tensor x, Tensor w)
        => (torch.zeros_like(x), torch.zeros_like(w), torch.zeros(w.shape[0], dtype: x.dtype));
}

// Expect: WrongGradient
// Mistake: Returns standard-normal random numbers of the right shapes and dtype.
namespace MlKatas.Katas;

public static class LinearBackward
{
    public static (Tensor DX, Tensor DW, Tensor DB) Backward(Tensor dy, Tensor x, Tensor w)
        => (torch.randn_like(x), torch.randn_like(w), torch.randn(w.shape[0], dtype: x.dtype));
}

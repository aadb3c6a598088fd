// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtype for every output.
namespace MlKatas.Katas;

public static class Activations
{
    public static Tensor Gelu(Tensor x, string approximate) => torch.zeros_like(x);

    public static Tensor GeluBackward(Tensor dy, Tensor x, string approximate) => torch.zeros_like(x);

    public static Tensor Silu(Tensor x) => torch.zeros_like(x);

    public static Tensor SiluBackward(Tensor dy, Tensor x) => torch.zeros_like(x);

    public static Tensor SwiGlu(Tensor x, Tensor w, Tensor v) => torch.zeros([.. x.shape[..^1], w.shape[0]], dtype: x.dtype);

    public static (Tensor Dx, Tensor DW, Tensor DV) SwiGluBackward(Tensor dy, Tensor x, Tensor w, Tensor v) =>
        (torch.zeros_like(x), torch.zeros_like(w), torch.zeros_like(v));
}

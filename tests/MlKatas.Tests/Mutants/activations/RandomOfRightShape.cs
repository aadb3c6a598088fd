// Expect: WrongAnswer
// Mistake: Returns standard-normal random numbers of the right shapes and dtype.
namespace MlKatas.Katas;

public static class Activations
{
    public static Tensor Gelu(Tensor x, string approximate) => torch.randn_like(x);

    public static Tensor GeluBackward(Tensor dy, Tensor x, string approximate) => torch.randn_like(x);

    public static Tensor Silu(Tensor x) => torch.randn_like(x);

    public static Tensor SiluBackward(Tensor dy, Tensor x) => torch.randn_like(x);

    public static Tensor SwiGlu(Tensor x, Tensor w, Tensor v) => torch.randn([.. x.shape[..^1], w.shape[0]], dtype: x.dtype);

    public static (Tensor Dx, Tensor DW, Tensor DV) SwiGluBackward(Tensor dy, Tensor x, Tensor w, Tensor v) =>
        (torch.randn_like(x), torch.randn_like(w), torch.randn_like(v));
}

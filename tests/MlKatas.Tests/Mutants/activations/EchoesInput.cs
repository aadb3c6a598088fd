// Expect: WrongShape
// Mistake: Echoes its inputs back: x as every forward's output, dy as dx, w and v as their own gradients (SwiGLU's x is [..., D], its output [..., H]).
namespace MlKatas.Katas;

public static class Activations
{
    public static Tensor Gelu(Tensor x, string approximate) => x.clone();

    public static Tensor GeluBackward(Tensor dy, Tensor x, string approximate) => dy.clone();

    public static Tensor Silu(Tensor x) => x.clone();

    public static Tensor SiluBackward(Tensor dy, Tensor x) => dy.clone();

    public static Tensor SwiGlu(Tensor x, Tensor w, Tensor v) => x.clone();

    public static (Tensor Dx, Tensor DW, Tensor DV) SwiGluBackward(Tensor dy, Tensor x, Tensor w, Tensor v) =>
        (dy.clone(), w.clone(), v.clone());
}

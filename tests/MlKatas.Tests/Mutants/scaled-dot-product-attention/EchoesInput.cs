// Expect: WrongShape
// Mistake: Returns the values v unchanged: shape [B,H,Tk,Dv] instead of [B,H,Tq,Dv] when Tq != Tk.
namespace MlKatas.Katas;

public static class ScaledDotProductAttention
{
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, Tensor keyPaddingMask, bool causal)
    {
        return v.clone();
    }
}

// Expect: WrongAnswer
// Mistake: Returns the values v unchanged (right only when T = 1).
namespace MlKatas.Katas;

public static class GlobalLocalAttention
{
    public static Tensor Attend(Tensor q, Tensor k, Tensor v, long window, Tensor globals)
    {
        return v;
    }
}

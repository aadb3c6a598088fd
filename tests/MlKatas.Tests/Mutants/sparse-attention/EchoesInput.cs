// Expect: WrongAnswer
// Mistake: Returns the values v unchanged (right only when window = 1).
namespace MlKatas.Katas;

public static class SparseAttention
{
    public static Tensor SlidingWindow(Tensor q, Tensor k, Tensor v, long window)
    {
        return v;
    }
}

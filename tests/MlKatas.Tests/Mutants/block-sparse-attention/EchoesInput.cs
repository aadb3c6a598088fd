// Expect: WrongAnswer
// Mistake: Returns the values v unchanged (right only when T = 1).
namespace MlKatas.Katas;

public static class BlockSparseAttention
{
    public static Tensor Fixed(Tensor q, Tensor k, Tensor v, long block, long summary)
    {
        return v;
    }
}

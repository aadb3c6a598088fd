// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shape and dtype.
namespace MlKatas.Katas;

public static class BlockSparseAttention
{
    public static Tensor Fixed(Tensor q, Tensor k, Tensor v, long block, long summary)
    {
        return torch.randn_like(q);
    }
}

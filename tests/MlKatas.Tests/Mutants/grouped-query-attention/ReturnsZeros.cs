// Expect: WrongAnswer
// Mistake: Returns zeros of the right shape and dtype.
namespace MlKatas.Katas;

public static class GroupedQueryAttention
{
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, bool causal)
    {
        return torch.zeros_like(q);
    }
}

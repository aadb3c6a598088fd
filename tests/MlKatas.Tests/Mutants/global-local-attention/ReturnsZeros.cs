// Expect: WrongAnswer
// Mistake: Returns zeros of the right shape and dtype.
namespace MlKatas.Katas;

public static class GlobalLocalAttention
{
    public static Tensor Attend(Tensor q, Tensor k, Tensor v, long window, Tensor globals)
    {
        return torch.zeros_like(q);
    }
}

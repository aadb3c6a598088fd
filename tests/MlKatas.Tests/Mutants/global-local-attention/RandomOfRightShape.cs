// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shape and dtype.
namespace MlKatas.Katas;

public static class GlobalLocalAttention
{
    public static Tensor Attend(Tensor q, Tensor k, Tensor v, long window, Tensor globals)
    {
        return torch.randn_like(q);
    }
}

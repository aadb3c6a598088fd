// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shapes and dtype.
namespace MlKatas.Katas;

public static class RotaryEmbedding
{
    public static (Tensor Q, Tensor K) Apply(Tensor q, Tensor k, Tensor positions, double theta)
    {
        return (torch.randn_like(q), torch.randn_like(k));
    }
}

// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtype.
namespace MlKatas.Katas;

public static class RotaryEmbedding
{
    public static (Tensor Q, Tensor K) Apply(Tensor q, Tensor k, Tensor positions, double theta)
    {
        return (torch.zeros_like(q), torch.zeros_like(k));
    }
}

// Expect: WrongAnswer
// Mistake: Returns q and k unrotated (right only at position 0).
namespace MlKatas.Katas;

public static class RotaryEmbedding
{
    public static (Tensor Q, Tensor K) Apply(Tensor q, Tensor k, Tensor positions, double theta)
    {
        return (q.clone(), k.clone());
    }
}

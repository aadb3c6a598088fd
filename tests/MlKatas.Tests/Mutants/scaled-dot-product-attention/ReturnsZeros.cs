// Expect: WrongAnswer
// Mistake: Returns zeros of the right shape and dtype without attending to anything.
namespace MlKatas.Katas;

public static class ScaledDotProductAttention
{
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, Tensor keyPaddingMask, bool causal)
    {
        return torch.zeros(q.shape[0], q.shape[1], q.shape[2], v.shape[3], dtype: q.dtype);
    }
}

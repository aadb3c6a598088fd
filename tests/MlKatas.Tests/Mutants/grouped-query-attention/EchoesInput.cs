// Expect: WrongAnswer
// Mistake: Echoes the queries back (same shape as the output).
namespace MlKatas.Katas;

public static class GroupedQueryAttention
{
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, bool causal)
    {
        return q.clone();
    }
}

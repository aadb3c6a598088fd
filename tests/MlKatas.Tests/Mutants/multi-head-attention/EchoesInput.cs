// Expect: WrongAnswer
// Mistake: Returns the query unchanged (the shape fits: [B, Tq, E]).
namespace MlKatas.Katas;

public static class MultiHeadAttention
{
    public static Tensor Forward(Tensor query, Tensor key, Tensor value, Tensor inProjWeight, Tensor inProjBias,
        Tensor outProjWeight, Tensor outProjBias, long numHeads)
    {
        return query.clone();
    }
}

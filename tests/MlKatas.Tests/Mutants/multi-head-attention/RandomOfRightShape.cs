// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shape and dtype.
namespace MlKatas.Katas;

public static class MultiHeadAttention
{
    public static Tensor Forward(Tensor query, Tensor key, Tensor value, Tensor inProjWeight, Tensor inProjBias,
        Tensor outProjWeight, Tensor outProjBias, long numHeads)
    {
        return torch.randn_like(query);
    }
}

// Expect: WrongAnswer
// Mistake: Echoes the input back: the first k points as the centres (Forgy on the first rows), indices 0 … k−1.
namespace MlKatas.Katas;

public static class KMeansPlusPlus
{
    public static (Tensor Indices, Tensor Centres) Seed(Tensor x, Tensor uniforms)
    {
        long k = uniforms.shape[0];
        return (torch.arange(k), x[..(int)k].clone());
    }
}

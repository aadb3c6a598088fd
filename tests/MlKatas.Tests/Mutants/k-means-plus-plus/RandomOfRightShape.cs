// Expect: WrongAnswer
// Mistake: Draws its own random indices (ignoring the given uniforms and D²) and returns those points.
namespace MlKatas.Katas;

public static class KMeansPlusPlus
{
    public static (Tensor Indices, Tensor Centres) Seed(Tensor x, Tensor uniforms)
    {
        var indices = torch.randint(0, x.shape[0], [uniforms.shape[0]]);
        return (indices, x.index_select(0, indices));
    }
}

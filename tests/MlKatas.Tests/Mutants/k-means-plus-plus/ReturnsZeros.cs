// Expect: WrongAnswer
// Mistake: Returns zero indices and zero centres of the right shapes and dtypes without choosing anything.
namespace MlKatas.Katas;

public static class KMeansPlusPlus
{
    public static (Tensor Indices, Tensor Centres) Seed(Tensor x, Tensor uniforms)
    {
        long k = uniforms.shape[0];
        return (torch.zeros(k, dtype: ScalarType.Int64), torch.zeros(k, x.shape[1], dtype: float64));
    }
}

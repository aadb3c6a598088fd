// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shape and dtype.
namespace MlKatas.Katas;

public static class SinusoidalPositionalEncoding
{
    public static Tensor Encode(Tensor positions, int d, double theta)
    {
        return torch.rand(positions.shape[0], d, dtype: positions.dtype) * 2 - 1;
    }
}

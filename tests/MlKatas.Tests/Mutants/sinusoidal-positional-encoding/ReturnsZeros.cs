// Expect: WrongAnswer
// Mistake: Returns zeros of the right shape and dtype.
namespace MlKatas.Katas;

public static class SinusoidalPositionalEncoding
{
    public static Tensor Encode(Tensor positions, int d, double theta)
    {
        return torch.zeros(positions.shape[0], d, dtype: positions.dtype);
    }
}

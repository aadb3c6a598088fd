// Expect: WrongAnswer
// Mistake: Echoes the input: every column of row t is positions[t].
namespace MlKatas.Katas;

public static class SinusoidalPositionalEncoding
{
    public static Tensor Encode(Tensor positions, int d, double theta)
    {
        return positions.unsqueeze(1).expand(positions.shape[0], d).clone();
    }
}

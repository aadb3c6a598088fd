// Expect: WrongAnswer
// Mistake: Divides by theta^(i/d) with i the pair index, instead of theta^(2i/d): the exponent 2i/d reads as "i/d over the
// column index", so each frequency decays half as fast as it should.
namespace MlKatas.Katas;

public static class SinusoidalPositionalEncoding
{
    public static Tensor Encode(Tensor positions, int d, double theta)
    {
        using var scope = torch.NewDisposeScope();
        var i = torch.arange(d, dtype: ScalarType.Float64).div(2, rounding_mode: RoundingMode.floor);
        var angle = positions.to(ScalarType.Float64).unsqueeze(1) / torch.pow(theta, i / d).unsqueeze(0);
        var even = (torch.arange(d) % 2 == 0).unsqueeze(0);
        return torch.where(even, angle.sin(), angle.cos()).to(positions.dtype).MoveToOuterDisposeScope();
    }
}

// Expect: WrongAnswer
// Mistake: Applies the base the wrong way round: multiplies the position by theta^(2i/d) instead of dividing by it,
// so higher columns spin faster instead of slower.
namespace MlKatas.Katas;

public static class SinusoidalPositionalEncoding
{
    public static Tensor Encode(Tensor positions, int d, double theta)
    {
        using var scope = torch.NewDisposeScope();
        int pairs = (d + 1) / 2;
        var freq = torch.pow(theta, torch.arange(pairs, dtype: ScalarType.Float64) * (2.0 / d));
        var angle = positions.to(ScalarType.Float64).unsqueeze(1) * freq.unsqueeze(0);
        var table = torch.stack(new[] { angle.sin(), angle.cos() }, -1).reshape(positions.shape[0], 2L * pairs).narrow(1, 0, d);
        return table.to(positions.dtype).MoveToOuterDisposeScope();
    }
}

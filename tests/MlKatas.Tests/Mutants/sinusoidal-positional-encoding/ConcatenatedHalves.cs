// Expect: WrongAnswer
// Mistake: Lays the table out as [sin of every frequency | cos of every frequency] (the tensor2tensor / some
// reimplementations layout) instead of interleaving sin and cos column by column as the paper does.
namespace MlKatas.Katas;

public static class SinusoidalPositionalEncoding
{
    public static Tensor Encode(Tensor positions, int d, double theta)
    {
        using var scope = torch.NewDisposeScope();
        int pairs = (d + 1) / 2;
        var invFreq = torch.pow(theta, torch.arange(pairs, dtype: ScalarType.Float64) * (-2.0 / d));
        var angle = positions.to(ScalarType.Float64).unsqueeze(1) * invFreq.unsqueeze(0);
        var table = torch.cat(new[] { angle.sin(), angle.narrow(1, 0, d / 2).cos() }, 1);
        return table.to(positions.dtype).MoveToOuterDisposeScope();
    }
}

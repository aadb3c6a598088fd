// Expect: TooSlow
// Mistake: Loops over the positions in C#, reading each one with item() and filling one row at a time: T small tensor
// calls where a few whole-table ones would do.
namespace MlKatas.Katas;

public static class SinusoidalPositionalEncoding
{
    public static Tensor Encode(Tensor positions, int d, double theta)
    {
        using var scope = torch.NewDisposeScope();
        long t = positions.shape[0];
        var invFreq = torch.tensor(Enumerable.Range(0, d).Select(j => Math.Pow(theta, -2.0 * (j / 2) / d)).ToArray());
        var even = torch.arange(d) % 2 == 0;
        var pe = torch.empty(t, d, dtype: positions.dtype);
        var p64 = positions.to(ScalarType.Float64);
        for (long row = 0; row < t; row++)
        {
            using var step = torch.NewDisposeScope();
            var angle = invFreq * p64[row].item<double>();
            pe[row] = torch.where(even, angle.sin(), angle.cos()).to(positions.dtype);
        }
        return pe.MoveToOuterDisposeScope();
    }
}

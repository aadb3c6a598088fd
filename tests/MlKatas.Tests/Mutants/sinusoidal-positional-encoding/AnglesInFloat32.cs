// Expect: WrongAnswer
// Mistake: Computes the angles in the dtype of the positions: right for float64, but a float32 angle near position
// 1.2e5 is off by ~4e-3 rad, far outside the float32 tolerance.
namespace MlKatas.Katas;

public static class SinusoidalPositionalEncoding
{
    public static Tensor Encode(Tensor positions, int d, double theta)
    {
        using var scope = torch.NewDisposeScope();
        int pairs = (d + 1) / 2;
        var invFreq = torch.pow(theta, torch.arange(pairs, dtype: positions.dtype) * (-2.0 / d));
        var angle = positions.unsqueeze(1) * invFreq.unsqueeze(0);
        var table = torch.stack(new[] { angle.sin(), angle.cos() }, -1).reshape(positions.shape[0], 2L * pairs).narrow(1, 0, d);
        return table.MoveToOuterDisposeScope();
    }
}

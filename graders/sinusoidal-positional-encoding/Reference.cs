namespace MlKatas.Katas;

/// <summary>Reference for the sinusoidal-positional-encoding kata: interleaved sin/cos columns, angles in float64.</summary>
public static class SinusoidalPositionalEncoding
{
    /// <summary>PE[t, 2i] = sin(positions[t] / theta^(2i/d)), PE[t, 2i+1] = cos(the same angle).</summary>
    /// <param name="positions">[T], float32 or float64.</param>
    /// <param name="d">The model width, ≥ 1.</param>
    /// <param name="theta">The base (10000 in the paper).</param>
    /// <returns>[T, d] in the dtype of positions.</returns>
    public static Tensor Encode(Tensor positions, int d, double theta)
    {
        using var scope = torch.NewDisposeScope();
        int pairs = (d + 1) / 2;   // frequencies i = 0 … ceil(d/2) − 1; an odd d uses the last one for a sine only

        // Angles in float64 whatever the output dtype: at position 1e5 a float32 angle is off by ~4e-3 rad.
        var invFreq = torch.tensor(Enumerable.Range(0, pairs).Select(i => Math.Pow(theta, -2.0 * i / d)).ToArray());
        var angle = positions.to(ScalarType.Float64).unsqueeze(1) * invFreq.unsqueeze(0);      // [T, pairs]
        var table = torch.stack(new[] { angle.sin(), angle.cos() }, -1)                          // [T, pairs, 2]
            .reshape(positions.shape[0], 2L * pairs)
            .narrow(1, 0, d);
        return table.to(positions.dtype).MoveToOuterDisposeScope();
    }
}

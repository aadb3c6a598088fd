namespace MlKatas.Katas;

/// <summary>Reference for the rotary-embedding kata: RoPE in the rotate-half convention, angles in float64.</summary>
public static class RotaryEmbedding
{
    /// <summary>Rotates each pair (x_i, x_{i+D/2}) of q and k by the angle positions[t]·theta^(−2i/D).</summary>
    /// <param name="q">Queries [B,H,T,D], float32 or float64, D even.</param>
    /// <param name="k">Keys [B,Hk,T,D], same dtype.</param>
    /// <param name="positions">[T] int64, the position of each time step.</param>
    /// <param name="theta">The frequency base (10000 in the original paper).</param>
    /// <returns>The rotated q and k, same shapes and dtype.</returns>
    public static (Tensor Q, Tensor K) Apply(Tensor q, Tensor k, Tensor positions, double theta)
    {
        using var scope = torch.NewDisposeScope();
        long d = q.shape[^1], half = d / 2;

        // Angles in float64 whatever the input dtype: at position 1e5 a float32 angle is off by ~4e-3 rad.
        var invFreq = torch.tensor(Enumerable.Range(0, (int)half).Select(i => Math.Pow(theta, -2.0 * i / d)).ToArray());
        var angle = positions.to(ScalarType.Float64).unsqueeze(1) * invFreq.unsqueeze(0);   // [T, D/2]
        var cos = angle.cos().to(q.dtype);
        var sin = angle.sin().to(q.dtype);

        Tensor Rotate(Tensor x)
        {
            var x1 = x.narrow(-1, 0, half);
            var x2 = x.narrow(-1, half, half);
            return torch.cat(new[] { x1 * cos - x2 * sin, x2 * cos + x1 * sin }, -1);
        }

        return (Rotate(q).MoveToOuterDisposeScope(), Rotate(k).MoveToOuterDisposeScope());
    }
}

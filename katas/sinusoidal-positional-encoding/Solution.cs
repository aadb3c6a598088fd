namespace MlKatas.Katas;

/// <summary>
/// The sinusoidal positional encoding of "Attention Is All You Need" (Vaswani et al., 2017), for given positions.
/// </summary>
public static class SinusoidalPositionalEncoding
{
    /// <summary>
    /// Returns the table PE of shape [T, d]: for column j with i = j / 2 (integer division) and angle
    /// a = positions[t] / theta^(2i/d), computed in float64, PE[t, j] = sin a when j is even and cos a when j is odd.
    /// </summary>
    /// <param name="positions">Shape [T], float32 or float64: the position of each row (any real, not necessarily 0..T−1).</param>
    /// <param name="d">The model width, ≥ 1 (odd d allowed: the last column is then a sine).</param>
    /// <param name="theta">The base, &gt; 0 (10000 in the paper).</param>
    /// <returns>The encoding, shape [T, d], in the dtype of <paramref name="positions"/>.</returns>
    public static Tensor Encode(Tensor positions, int d, double theta)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

namespace MlKatas.Katas;

/// <summary>
/// GELU (exact and tanh forms), SiLU and SwiGLU, each with its derivative written by hand (see README.md). The
/// backwards may not call autograd: deriving them is the exercise.
/// </summary>
public static class Activations
{
    /// <summary>
    /// GELU(x) = x·Φ(x) = 0.5·x·(1 + erf(x/√2)) when <paramref name="approximate"/> is "none"; the tanh approximation
    /// 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) when it is "tanh". Elementwise.
    /// </summary>
    /// <param name="x">Any shape, float64. Must not be modified.</param>
    /// <param name="approximate">"none" or "tanh" (as torch.nn.functional.gelu's approximate argument).</param>
    /// <returns>GELU(x), same shape as <paramref name="x"/>, float64.</returns>
    public static Tensor Gelu(Tensor x, string approximate)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>The gradient of L = Σ dy · Gelu(x, approximate) with respect to x: dy · GELU'(x), derived by hand.</summary>
    /// <param name="dy">Upstream gradient ∂L/∂y, same shape as <paramref name="x"/>, float64. Must not be modified.</param>
    /// <param name="x">The forward's input, float64. Must not be modified.</param>
    /// <param name="approximate">"none" or "tanh": differentiate the form the forward used.</param>
    /// <returns>∂L/∂x, same shape as <paramref name="x"/>, float64.</returns>
    public static Tensor GeluBackward(Tensor dy, Tensor x, string approximate)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>SiLU(x) = x·σ(x) (also called swish), elementwise.</summary>
    /// <param name="x">Any shape, float64. Must not be modified.</param>
    /// <returns>SiLU(x), same shape as <paramref name="x"/>, float64.</returns>
    public static Tensor Silu(Tensor x)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>The gradient of L = Σ dy · Silu(x) with respect to x, derived by hand.</summary>
    /// <param name="dy">Upstream gradient ∂L/∂y, same shape as <paramref name="x"/>, float64. Must not be modified.</param>
    /// <param name="x">The forward's input, float64. Must not be modified.</param>
    /// <returns>∂L/∂x, same shape as <paramref name="x"/>, float64.</returns>
    public static Tensor SiluBackward(Tensor dy, Tensor x)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>SwiGLU(x) = SiLU(x·wᵀ) ⊙ (x·vᵀ): the projection by <paramref name="w"/> is the gate.</summary>
    /// <param name="x">Input [..., D] (any number of leading dims, or just [D]), float64. Must not be modified.</param>
    /// <param name="w">Gate projection [H, D], float64. Must not be modified.</param>
    /// <param name="v">Linear ("up") projection [H, D], float64. Must not be modified.</param>
    /// <returns>[..., H], float64.</returns>
    public static Tensor SwiGlu(Tensor x, Tensor w, Tensor v)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>The gradients of L = Σ dy · SwiGlu(x, w, v) with respect to x, w and v, derived by hand.</summary>
    /// <param name="dy">Upstream gradient ∂L/∂y [..., H], float64. Must not be modified.</param>
    /// <param name="x">The forward's input [..., D], float64. Must not be modified.</param>
    /// <param name="w">Gate projection [H, D], float64. Must not be modified.</param>
    /// <param name="v">Linear projection [H, D], float64. Must not be modified.</param>
    /// <returns>Dx: ∂L/∂x [..., D]; DW: ∂L/∂w [H, D]; DV: ∂L/∂v [H, D] (summed over every leading dim); all float64.</returns>
    public static (Tensor Dx, Tensor DW, Tensor DV) SwiGluBackward(Tensor dy, Tensor x, Tensor w, Tensor v)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

namespace MlKatas.Katas;

/// <summary>Reference for the activations kata: GELU (erf and tanh forms), SiLU and SwiGLU, with hand-derived backwards.</summary>
public static class Activations
{
    private const double SqrtHalf = 0.70710678118654752440;       // 1/sqrt(2)
    private const double InvSqrt2Pi = 0.39894228040143267794;     // 1/sqrt(2π)
    private const double SqrtTwoOverPi = 0.79788456080286535588;  // sqrt(2/π)
    private const double Cubic = 0.044715;

    /// <summary>GELU(x) = x·Φ(x) ("none"), or 0.5·x·(1 + tanh(sqrt(2/π)·(x + 0.044715·x³))) ("tanh").</summary>
    /// <param name="x">Any shape, float64.</param>
    /// <param name="approximate">"none" or "tanh".</param>
    /// <returns>Same shape and dtype as x.</returns>
    public static Tensor Gelu(Tensor x, string approximate)
    {
        // Out of place throughout: the grader differentiates the forwards with autograd to grade the backwards.
        using var scope = torch.NewDisposeScope();
        var y = IsTanh(approximate)
            ? 0.5 * x * (1 + torch.tanh(SqrtTwoOverPi * (x + Cubic * x * x * x)))
            : 0.5 * x * (1 + torch.erf(x * SqrtHalf));
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>dy·GELU'(x): Φ(x) + x·φ(x), or the derivative of the tanh form.</summary>
    /// <param name="dy">Upstream gradient, shape of x.</param>
    /// <param name="x">The forward's input.</param>
    /// <param name="approximate">"none" or "tanh".</param>
    /// <returns>∂L/∂x, shape of x.</returns>
    public static Tensor GeluBackward(Tensor dy, Tensor x, string approximate)
    {
        using var scope = torch.NewDisposeScope();
        Tensor slope;
        if (IsTanh(approximate))
        {
            var x2 = x * x;
            var t = torch.tanh(SqrtTwoOverPi * x * (1 + Cubic * x2));
            slope = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SqrtTwoOverPi * (1 + 3 * Cubic * x2);
        }
        else
        {
            slope = 0.5 * (1 + torch.erf(x * SqrtHalf)) + x * InvSqrt2Pi * torch.exp(-0.5 * x * x);
        }
        return (dy * slope).MoveToOuterDisposeScope();
    }

    /// <summary>SiLU(x) = x·σ(x).</summary>
    /// <param name="x">Any shape, float64.</param>
    /// <returns>Same shape and dtype as x.</returns>
    public static Tensor Silu(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return (x * torch.sigmoid(x)).MoveToOuterDisposeScope();
    }

    /// <summary>dy·SiLU'(x) = dy·σ(x)·(1 + x·(1 − σ(x))).</summary>
    /// <param name="dy">Upstream gradient, shape of x.</param>
    /// <param name="x">The forward's input.</param>
    /// <returns>∂L/∂x, shape of x.</returns>
    public static Tensor SiluBackward(Tensor dy, Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var s = torch.sigmoid(x);
        return (dy * s * (1 + x * (1 - s))).MoveToOuterDisposeScope();
    }

    /// <summary>SwiGLU(x) = SiLU(x·wᵀ) ⊙ (x·vᵀ): the w projection is gated.</summary>
    /// <param name="x">[..., D] float64.</param>
    /// <param name="w">[H, D] gated projection.</param>
    /// <param name="v">[H, D] linear projection.</param>
    /// <returns>[..., H].</returns>
    public static Tensor SwiGlu(Tensor x, Tensor w, Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.matmul(x, w.t());
        return (a * torch.sigmoid(a) * torch.matmul(x, v.t())).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Gradients of L = Σ dy · SwiGlu(x, w, v): with a = x·wᵀ, b = x·vᵀ, da = dy·b·SiLU'(a), db = dy·SiLU(a):
    /// dx = da·w + db·v, dw = Σ daᵀ·x, dv = Σ dbᵀ·x over every leading dim.
    /// </summary>
    /// <param name="dy">[..., H] upstream gradient.</param>
    /// <param name="x">[..., D].</param>
    /// <param name="w">[H, D].</param>
    /// <param name="v">[H, D].</param>
    /// <returns>dx [..., D], dw [H, D], dv [H, D].</returns>
    public static (Tensor Dx, Tensor DW, Tensor DV) SwiGluBackward(Tensor dy, Tensor x, Tensor w, Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.matmul(x, w.t());
        var b = torch.matmul(x, v.t());
        var s = torch.sigmoid(a);
        var silu = a * s;
        var da = dy * b * s * (1 + a * (1 - s));
        var db = dy * silu;
        var dx = torch.matmul(da, w) + torch.matmul(db, v);
        // Flatten the leading dims (a rank-1 x becomes one row) so one matmul sums over all of them.
        var rows = x.reshape(-1, x.shape[^1]);
        var dw = torch.matmul(da.reshape(-1, w.shape[0]).t(), rows);
        var dv = torch.matmul(db.reshape(-1, v.shape[0]).t(), rows);
        return (dx.MoveToOuterDisposeScope(), dw.MoveToOuterDisposeScope(), dv.MoveToOuterDisposeScope());
    }

    private static bool IsTanh(string approximate) => approximate switch
    {
        "tanh" => true,
        "none" => false,
        _ => throw new ArgumentException($"approximate must be \"none\" or \"tanh\", not \"{approximate}\"", nameof(approximate)),
    };
}

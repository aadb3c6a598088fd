namespace MlKatas.Katas;

/// <summary>Reference for the lora-linear kata: the unmerged LoRA forward through the rank-r bottleneck, and merging.</summary>
public static class LoraLinear
{
    /// <summary>x·W₀ᵀ + b + (α/r)·(x·Aᵀ)·Bᵀ, never forming the [out, in] update.</summary>
    /// <param name="x">[..., in].</param>
    /// <param name="weight">W₀ [out, in].</param>
    /// <param name="bias">b [out].</param>
    /// <param name="loraA">A [r, in].</param>
    /// <param name="loraB">B [out, r].</param>
    /// <param name="alpha">LoRA alpha.</param>
    /// <returns>[..., out].</returns>
    public static Tensor Forward(Tensor x, Tensor weight, Tensor bias, Tensor loraA, Tensor loraB, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        double scaling = alpha / loraA.shape[0];
        // Through the bottleneck: O(N·r·(in + out)) on top of the base layer's O(N·in·out).
        var update = nn.functional.linear(nn.functional.linear(x, loraA), loraB);
        return (nn.functional.linear(x, weight, bias) + update * scaling).MoveToOuterDisposeScope();
    }

    /// <summary>W₀ + (α/r)·B·A.</summary>
    /// <param name="weight">W₀ [out, in].</param>
    /// <param name="loraA">A [r, in].</param>
    /// <param name="loraB">B [out, r].</param>
    /// <param name="alpha">LoRA alpha.</param>
    /// <returns>[out, in].</returns>
    public static Tensor Merge(Tensor weight, Tensor loraA, Tensor loraB, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        // Not addmm: its alpha is a float, and α/r rounded to float32 is off by ~1e-8 relative.
        return (weight + loraB.mm(loraA) * (alpha / loraA.shape[0])).MoveToOuterDisposeScope();
    }

    /// <summary>merged − (α/r)·B·A.</summary>
    /// <param name="mergedWeight">[out, in].</param>
    /// <param name="loraA">A [r, in].</param>
    /// <param name="loraB">B [out, r].</param>
    /// <param name="alpha">LoRA alpha.</param>
    /// <returns>[out, in].</returns>
    public static Tensor Unmerge(Tensor mergedWeight, Tensor loraA, Tensor loraB, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        return (mergedWeight - loraB.mm(loraA) * (alpha / loraA.shape[0])).MoveToOuterDisposeScope();
    }
}

namespace MlKatas.Katas;

/// <summary>
/// A linear layer with a LoRA adapter (Hu et al., 2021): y = x·W₀ᵀ + b + (α/r)·(x·Aᵀ)·Bᵀ, and merging the update
/// ΔW = (α/r)·B·A into the frozen weight (and out of it again).
/// </summary>
public static class LoraLinear
{
    /// <summary>The adapted layer's output, without merging: x·W₀ᵀ + b + (α/r)·(x·Aᵀ)·Bᵀ, with r = loraA.shape[0].</summary>
    /// <param name="x">Inputs, shape [..., in] (any number ≥ 1 of leading dims), float32 or float64.</param>
    /// <param name="weight">The frozen base weight W₀, shape [out, in], dtype of <paramref name="x"/>.</param>
    /// <param name="bias">The base bias b, shape [out], dtype of <paramref name="x"/>.</param>
    /// <param name="loraA">The down-projection A, shape [r, in], dtype of <paramref name="x"/>.</param>
    /// <param name="loraB">The up-projection B, shape [out, r], dtype of <paramref name="x"/>.</param>
    /// <param name="alpha">The LoRA alpha; the update is scaled by alpha / r.</param>
    /// <returns>Shape [..., out], the dtype of <paramref name="x"/>.</returns>
    public static Tensor Forward(Tensor x, Tensor weight, Tensor bias, Tensor loraA, Tensor loraB, double alpha)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>The merged weight W₀ + (α/r)·B·A, shape [out, in]: a plain linear layer with it gives Forward's output.</summary>
    /// <param name="weight">The base weight W₀, shape [out, in], float32 or float64.</param>
    /// <param name="loraA">A, shape [r, in], dtype of <paramref name="weight"/>.</param>
    /// <param name="loraB">B, shape [out, r], dtype of <paramref name="weight"/>.</param>
    /// <param name="alpha">The LoRA alpha; the update is scaled by alpha / r.</param>
    /// <returns>A new tensor, shape [out, in], the dtype of <paramref name="weight"/>.</returns>
    public static Tensor Merge(Tensor weight, Tensor loraA, Tensor loraB, double alpha)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>The base weight recovered from a merged one: mergedWeight − (α/r)·B·A, shape [out, in].</summary>
    /// <param name="mergedWeight">A merged weight, shape [out, in], float32 or float64.</param>
    /// <param name="loraA">A, shape [r, in], dtype of <paramref name="mergedWeight"/>.</param>
    /// <param name="loraB">B, shape [out, r], dtype of <paramref name="mergedWeight"/>.</param>
    /// <param name="alpha">The LoRA alpha; the update is scaled by alpha / r.</param>
    /// <returns>A new tensor, shape [out, in], the dtype of <paramref name="mergedWeight"/>.</returns>
    public static Tensor Unmerge(Tensor mergedWeight, Tensor loraA, Tensor loraB, double alpha)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

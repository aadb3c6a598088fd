namespace MlKatas.Katas;

/// <summary>
/// Numerically stable softmax and log-softmax over any dimension (see README.md): no overflow for huge logits, no
/// log(0) for tiny probabilities, −inf inputs (masked positions) allowed.
/// </summary>
public static class StableSoftmax
{
    /// <summary>
    /// softmax(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ), each slice of <paramref name="x"/> along <paramref name="dim"/> normalised on its own.
    /// </summary>
    /// <param name="x">Logits, any shape with at least one dimension, float32 or float64. Entries are finite or −inf
    /// (a masked position); every slice has at least one finite entry. Must not be modified.</param>
    /// <param name="dim">The axis to normalise, in [−x.dim(), x.dim()); negative counts from the end, as in PyTorch.</param>
    /// <returns>Probabilities: same shape and dtype as <paramref name="x"/>, each slice summing to 1, exactly 0 where x is −inf.</returns>
    public static Tensor Softmax(Tensor x, long dim)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// log_softmax(x)ᵢ = xᵢ − log Σⱼ exp(xⱼ) along <paramref name="dim"/>, finite wherever xᵢ is finite (even when
    /// exp underflows), −inf where xᵢ is −inf.
    /// </summary>
    /// <param name="x">Logits, as for <see cref="Softmax"/>. Must not be modified.</param>
    /// <param name="dim">The axis to normalise, in [−x.dim(), x.dim()).</param>
    /// <returns>Log-probabilities: same shape and dtype as <paramref name="x"/>.</returns>
    public static Tensor LogSoftmax(Tensor x, long dim)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

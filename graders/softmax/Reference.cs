namespace MlKatas.Katas;

/// <summary>Reference for the softmax kata: softmax and log-softmax over any dim, shifted by each slice's max.</summary>
public static class StableSoftmax
{
    /// <summary>exp(x − m) / Σ exp(x − m) along <paramref name="dim"/>, m the slice's max (so no exp overflows).</summary>
    /// <param name="x">Logits of any shape (≥ 1 dim), float32 or float64; entries finite or −inf, each slice with a finite one.</param>
    /// <param name="dim">The axis to normalise, in [−x.dim(), x.dim()).</param>
    /// <returns>Probabilities, same shape and dtype as <paramref name="x"/>.</returns>
    public static Tensor Softmax(Tensor x, long dim)
    {
        using var scope = torch.NewDisposeScope();
        var e = x.sub(x.amax([dim], keepdim: true)).exp_();
        return e.div_(e.sum(dim, keepdim: true)).MoveToOuterDisposeScope();
    }

    /// <summary>(x − m) − log Σ exp(x − m) along <paramref name="dim"/>: finite wherever x is, even when exp(x − m) underflows.</summary>
    /// <param name="x">Logits of any shape (≥ 1 dim), float32 or float64; entries finite or −inf, each slice with a finite one.</param>
    /// <param name="dim">The axis to normalise, in [−x.dim(), x.dim()).</param>
    /// <returns>Log-probabilities, same shape and dtype as <paramref name="x"/>.</returns>
    public static Tensor LogSoftmax(Tensor x, long dim)
    {
        using var scope = torch.NewDisposeScope();
        var shifted = x.sub(x.amax([dim], keepdim: true));
        return shifted.sub_(shifted.exp().sum(dim, keepdim: true).log_()).MoveToOuterDisposeScope();
    }
}

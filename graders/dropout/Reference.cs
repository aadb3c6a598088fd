namespace MlKatas.Katas;

/// <summary>Reference for the dropout kata: inverted dropout from a given uniform tensor, and its backward.</summary>
public static class Dropout
{
    /// <summary>Training: x·[u ≥ p]/(1 − p) (zeros when p = 1); evaluation: x.</summary>
    /// <param name="x">Any shape, float32 or float64.</param>
    /// <param name="u">Uniform [0, 1) draws, shape and dtype of x.</param>
    /// <param name="p">Drop probability in [0, 1].</param>
    /// <param name="training">False: the identity.</param>
    /// <returns>Shape and dtype of x.</returns>
    public static Tensor Forward(Tensor x, Tensor u, double p, bool training) => Apply(x, u, p, training);

    /// <summary>dy through the same mask and scale as the forward.</summary>
    /// <param name="dy">Upstream gradient, shape of u.</param>
    /// <param name="u">The forward's uniform draws.</param>
    /// <param name="p">The forward's p.</param>
    /// <param name="training">The forward's mode.</param>
    /// <returns>∂L/∂x.</returns>
    public static Tensor Backward(Tensor dy, Tensor u, double p, bool training) => Apply(dy, u, p, training);

    // y = t·mask·scale: the forward is linear in x, so its backward applies the same map to dy.
    private static Tensor Apply(Tensor t, Tensor u, double p, bool training)
    {
        if (!training)
        {
            return t.clone();
        }
        if (p >= 1)
        {
            return torch.zeros_like(t);
        }
        using var scope = torch.NewDisposeScope();
        return (t * u.ge(p)).mul_(1 / (1 - p)).MoveToOuterDisposeScope();
    }
}

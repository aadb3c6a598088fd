namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="MoeRouter.Route"/>.</summary>
/// <param name="Experts">The k experts chosen for each token, best first (ties to the lower index), shape [N, k], int64.</param>
/// <param name="Gates">Gate weight of each choice: the softmax renormalised over the token's k choices, then set to 0 where the
/// choice was dropped for capacity (the rest are NOT renormalised again), shape [N, k], dtype of the logits.</param>
/// <param name="Slots">Position of each choice in its expert's buffer, 0 … C − 1, or −1 when dropped, shape [N, k], int64.</param>
/// <param name="AuxLoss">Switch load-balancing loss E·Σ_e f_e·P_e, a 0-d tensor in the dtype of the logits.</param>
public sealed record MoeRouting(Tensor Experts, Tensor Gates, Tensor Slots, Tensor AuxLoss);

/// <summary>
/// Top-k mixture-of-experts routing with expert capacity, as in Mixtral (gating) and Switch/GShard (capacity, aux loss).
/// </summary>
public static class MoeRouter
{
    /// <summary>
    /// Routes each of N tokens to its k highest-scoring of E experts. Gate weights are the router softmax over the k
    /// chosen experts. Each expert takes at most C = ceil(capacityFactor·N·k/E) choices, served in priority order:
    /// every token's first choice (in token order), then every second choice, and so on; a choice past capacity is
    /// dropped (slot −1, gate 0). Also returns the Switch auxiliary loss E·Σ_e f_e·P_e (f_e counted before drops).
    /// </summary>
    /// <param name="logits">Router logits, shape [N, E], float32 or float64. Must not be modified.</param>
    /// <param name="k">Experts per token, 1 ≤ k ≤ E.</param>
    /// <param name="capacityFactor">Capacity factor, &gt; 0.</param>
    /// <returns>Experts [N, k] int64, gates [N, k], slots [N, k] int64, and the auxiliary loss (0-d).</returns>
    public static MoeRouting Route(Tensor logits, long k, double capacityFactor)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

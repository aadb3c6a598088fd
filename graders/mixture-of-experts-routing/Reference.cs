namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="MoeRouter.Route"/>.</summary>
/// <param name="Experts">Chosen experts per token, best first, shape [N, k], int64.</param>
/// <param name="Gates">Gate weight of each choice after capacity drops, shape [N, k], dtype of the logits.</param>
/// <param name="Slots">Slot of each choice in its expert's buffer, or −1 when dropped, shape [N, k], int64.</param>
/// <param name="AuxLoss">Switch load-balancing loss E·Σ_e f_e·P_e, a 0-d tensor in the dtype of the logits.</param>
public sealed record MoeRouting(Tensor Experts, Tensor Gates, Tensor Slots, Tensor AuxLoss);

/// <summary>Reference for the mixture-of-experts-routing kata: top-k gating with expert capacity (Switch/GShard priority).</summary>
public static class MoeRouter
{
    /// <summary>Routes N tokens to k of E experts each, with capacity ceil(capacityFactor·N·k/E) per expert.</summary>
    /// <param name="logits">Router logits [N, E], float32 or float64.</param>
    /// <param name="k">Experts per token, 1 ≤ k ≤ E.</param>
    /// <param name="capacityFactor">Capacity factor, &gt; 0.</param>
    /// <returns>Experts, gates, slots and the auxiliary loss.</returns>
    public static MoeRouting Route(Tensor logits, long k, double capacityFactor)
    {
        using var scope = torch.NewDisposeScope();
        long n = logits.shape[0], e = logits.shape[1];
        long capacity = (long)Math.Ceiling(capacityFactor * n * k / e);

        // A stable descending sort keeps equal logits in ascending expert order: ties go to the lower index
        // (topk does not promise any order among ties). Softmax is monotone, so ranking logits ranks probabilities.
        var (sorted, order) = logits.sort(dim: 1, descending: true, stable: true);
        var experts = order.narrow(1, 0, k).contiguous();                     // [N,k]
        // Softmax over the k best logits = top-k of the full softmax renormalised to sum to 1.
        var gates = torch.softmax(sorted.narrow(1, 0, k), -1);               // [N,k]

        // Priority: all first choices (in token order), then all second choices, …: lay the choices out rank-major,
        // [k·N, E] one-hot, and a running count down that axis is each choice's position in its expert's queue.
        var rankMajor = experts.t().reshape(k * n);                           // choice (r, t) at r·N + t
        var oneHot = torch.nn.functional.one_hot(rankMajor, e);               // [k·N, E] int64
        var position = oneHot.cumsum(0).gather(1, rankMajor.unsqueeze(1)).squeeze(1) - 1;   // [k·N]
        var slots = position.view(k, n).t();                                  // [N,k]
        var dropped = slots.ge(capacity);
        slots = slots.masked_fill(dropped, -1).contiguous();
        gates = gates.masked_fill(dropped, 0.0);                               // the rest are not renormalised

        // Switch aux loss: f_e = share of the N·k choices sent to e before any drop, P_e = mean router probability.
        var f = oneHot.sum(dim: 0).to_type(logits.dtype) / (n * k);          // [E]
        var meanProbs = torch.softmax(logits, -1).mean([0]);                  // [E]
        var aux = (f * meanProbs).sum() * e;
        return new MoeRouting(experts.MoveToOuterDisposeScope(), gates.MoveToOuterDisposeScope(),
            slots.MoveToOuterDisposeScope(), aux.MoveToOuterDisposeScope());
    }
}

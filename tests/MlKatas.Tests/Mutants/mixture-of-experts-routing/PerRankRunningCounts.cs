// Expect: Passed
// Mistake: None: the control. Gates as the renormalised top-k of the full softmax, and the capacity bookkeeping as a loop over the k ranks (k is small) carrying each expert's running count from one rank to the next.
namespace MlKatas.Katas;

public sealed record MoeRouting(Tensor Experts, Tensor Gates, Tensor Slots, Tensor AuxLoss);

public static class MoeRouter
{
    public static MoeRouting Route(Tensor logits, long k, double capacityFactor)
    {
        using var scope = torch.NewDisposeScope();
        long n = logits.shape[0], e = logits.shape[1];
        long capacity = (long)Math.Ceiling(capacityFactor * n * k / e);
        var probs = torch.softmax(logits, -1);                                       // [N,E]
        var experts = logits.sort(dim: 1, descending: true, stable: true).Indices.narrow(1, 0, k);
        var chosen = probs.gather(1, experts);
        var gates = chosen / chosen.sum(dim: 1, keepdim: true);

        var used = torch.zeros(e, dtype: ScalarType.Int64);                           // choices each expert has received so far
        var columns = new List<Tensor>();
        for (long r = 0; r < k; r++)
        {
            var col = experts.select(1, r);                                           // [N]
            var oneHot = torch.nn.functional.one_hot(col, e);                         // [N,E]
            var before = oneHot.cumsum(0) - oneHot + used.unsqueeze(0);               // choices ahead of this one
            columns.Add(before.gather(1, col.unsqueeze(1)).squeeze(1));
            used = used + oneHot.sum(dim: 0);
        }
        var slots = torch.stack(columns, 1);
        var keep = slots.lt(capacity);
        slots = torch.where(keep, slots, torch.tensor(-1L));
        gates = gates * keep.to_type(gates.dtype);
        var f = used.to_type(logits.dtype) / (n * k);
        var aux = e * (f * probs.mean([0])).sum();
        return new MoeRouting(experts.MoveToOuterDisposeScope(), gates.MoveToOuterDisposeScope(),
            slots.MoveToOuterDisposeScope(), aux.MoveToOuterDisposeScope());
    }
}

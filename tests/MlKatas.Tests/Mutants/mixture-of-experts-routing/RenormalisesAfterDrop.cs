// Expect: WrongAnswer
// Mistake: Renormalises a token's remaining gates to sum to 1 after a capacity drop (the statement says they are left as they are).
namespace MlKatas.Katas;

public sealed record MoeRouting(Tensor Experts, Tensor Gates, Tensor Slots, Tensor AuxLoss);

public static class MoeRouter
{
    public static MoeRouting Route(Tensor logits, long k, double capacityFactor)
    {
        long n = logits.shape[0], e = logits.shape[1];
        long capacity = (long)Math.Ceiling(capacityFactor * n * k / e);
        var (sorted, order) = logits.sort(dim: 1, descending: true, stable: true);
        var experts = order.narrow(1, 0, k);
        var gates = torch.softmax(sorted.narrow(1, 0, k), -1);
        var flat = experts.t().reshape(k * n);
        var oneHot = torch.nn.functional.one_hot(flat, e);
        var slots = (oneHot.cumsum(0).gather(1, flat.unsqueeze(1)).squeeze(1) - 1).view(k, n).t();
        var dropped = slots.ge(capacity);
        slots = slots.masked_fill(dropped, -1);
        gates = gates.masked_fill(dropped, 0.0) / gates.masked_fill(dropped, 0.0).sum(dim: 1, keepdim: true).clamp_min(1e-30);
        var f = oneHot.sum(dim: 0).to_type(logits.dtype) / (n * k);
        var meanProbs = torch.softmax(logits, -1).mean([0]);
        var aux = (f * meanProbs).sum() * e;
        return new MoeRouting(experts, gates, slots, aux);
    }
}

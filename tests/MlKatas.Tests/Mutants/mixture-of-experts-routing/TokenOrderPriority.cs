// Expect: WrongAnswer
// Mistake: Serves the choices token by token (token 0's k choices, then token 1's, …) instead of all first choices before any second choice.
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
        var flat = experts.reshape(n * k);
        var oneHot = torch.nn.functional.one_hot(flat, e);
        var slots = (oneHot.cumsum(0).gather(1, flat.unsqueeze(1)).squeeze(1) - 1).view(n, k);
        var dropped = slots.ge(capacity);
        slots = slots.masked_fill(dropped, -1);
        gates = gates.masked_fill(dropped, 0.0);
        var f = oneHot.sum(dim: 0).to_type(logits.dtype) / (n * k);
        var meanProbs = torch.softmax(logits, -1).mean([0]);
        var aux = (f * meanProbs).sum() * e;
        return new MoeRouting(experts, gates, slots, aux);
    }
}

// Expect: TooSlow
// Mistake: Vectorised top-k and gates, but the capacity bookkeeping is a C# loop over ranks and tokens that reads each choice with item() and writes slots one element at a time: right answers, N·k small tensor calls.
namespace MlKatas.Katas;

public sealed record MoeRouting(Tensor Experts, Tensor Gates, Tensor Slots, Tensor AuxLoss);

public static class MoeRouter
{
    public static MoeRouting Route(Tensor logits, long k, double capacityFactor)
    {
        long n = logits.shape[0], e = logits.shape[1];
        long capacity = (long)Math.Ceiling(capacityFactor * n * k / e);
        var (sorted, order) = logits.sort(dim: 1, descending: true, stable: true);
        var experts = order.narrow(1, 0, k).contiguous();
        var gates = torch.softmax(sorted.narrow(1, 0, k), -1);
        var slots = torch.full(n, k, -1L, dtype: ScalarType.Int64);
        var fill = new long[e];
        for (long r = 0; r < k; r++)
        {
            for (long t = 0; t < n; t++)
            {
                using var scope = torch.NewDisposeScope();
                long ex = experts[t, r].item<long>();
                if (fill[ex] < capacity)
                {
                    slots[t, r] = fill[ex];
                }
                fill[ex]++;
            }
        }
        gates = gates.masked_fill(slots.lt(0), 0.0);
        var f = torch.tensor(fill).to_type(logits.dtype) / (n * k);
        var aux = (f * torch.softmax(logits, -1).mean([0])).sum() * e;
        return new MoeRouting(experts, gates, slots, aux);
    }
}

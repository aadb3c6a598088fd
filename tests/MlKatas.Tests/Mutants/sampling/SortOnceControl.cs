// Expect: Passed
// Mistake: None: a different correct solution — one stable descending sort serves both filters (the k-th value is
// sorted[:, k−1]), the exclusive cumulative sum is cumsum − p, the distribution is scattered back to id order and the
// draw is searchsorted(cdf, u, right: true); the speed-budget control.
namespace MlKatas.Katas;

public sealed record SamplingResult(Tensor Probs, Tensor Ids);

public static class Sampling
{
    public static SamplingResult Sample(Tensor logits, double temperature, long topK, double topP, Tensor uniforms)
    {
        using var scope = torch.NewDisposeScope();
        long b = logits.shape[0], v = logits.shape[1];
        if (temperature == 0)
        {
            var best = logits.argmax(dim: 1);
            var oneHot = torch.zeros(b, v, dtype: ScalarType.Float64).scatter(1, best.unsqueeze(1), torch.ones(b, 1, dtype: ScalarType.Float64));
            return new SamplingResult(oneHot.MoveToOuterDisposeScope(), best.MoveToOuterDisposeScope());
        }
        var (sorted, order) = (logits / temperature).sort(dim: 1, descending: true, stable: true);
        if (topK > 0 && topK < v)
        {
            sorted = sorted.masked_fill(sorted < sorted[.., (int)(topK - 1)..(int)topK], double.NegativeInfinity);
        }
        if (topP < 1)
        {
            var p = sorted.softmax(1);
            var exclusive = p.cumsum(1) - p;
            sorted = sorted.masked_fill(exclusive >= topP, double.NegativeInfinity);
        }
        var probs = torch.zeros(b, v, dtype: ScalarType.Float64).scatter(1, order, sorted.softmax(1));
        var cdf = probs.cumsum(1);
        var ids = torch.searchsorted(cdf, uniforms.unsqueeze(1), right: true).squeeze(1);
        var lastKept = (v - 1) - (probs > 0).flip(1).to(ScalarType.Int64).argmax(dim: 1);
        ids = torch.minimum(ids, lastKept);
        return new SamplingResult(probs.MoveToOuterDisposeScope(), ids.MoveToOuterDisposeScope());
    }
}

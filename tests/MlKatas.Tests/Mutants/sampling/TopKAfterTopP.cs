// Expect: WrongAnswer
// Mistake: Applies top-p before top-k, so top-p sees the full distribution instead of the renormalised top-k one (HF's order is temperature, top-k, top-p).
namespace MlKatas.Katas;

public sealed record SamplingResult(Tensor Probs, Tensor Ids);

public static class Sampling
{
    /// <summary>Temperature → top-k → top-p, renormalise, then the first id whose cdf exceeds u.</summary>
    public static SamplingResult Sample(Tensor logits, double temperature, long topK, double topP, Tensor uniforms)
    {
        using var scope = torch.NewDisposeScope();
        long v = logits.shape[1];
        if (temperature == 0)
        {
            var greedy = logits.argmax(dim: 1);
            var oneHot = nn.functional.one_hot(greedy, v).to(ScalarType.Float64);
            return new SamplingResult(oneHot.MoveToOuterDisposeScope(), greedy.MoveToOuterDisposeScope());
        }
        var z = logits / temperature;
        if (topP < 1)
        {
            // Descending by probability, ties by lower id (a stable sort keeps id order among equals).
            var (sorted, order) = z.sort(dim: 1, descending: true, stable: true);
            var cumulative = sorted.softmax(1).cumsum(1);
            var before = torch.cat([torch.zeros(z.shape[0], 1, dtype: z.dtype), cumulative[.., ..^1]], 1);
            var dropSorted = before >= topP;                               // the token that crosses p is kept
            var drop = torch.zeros_like(dropSorted).scatter(1, order, dropSorted);
            z = z.masked_fill(drop, double.NegativeInfinity);
        }
        if (topK > 0 && topK < v)
        {
            var kth = z.topk((int)topK, dim: 1).values[.., ^1..];
            z = z.masked_fill(z < kth, double.NegativeInfinity);
        }
        var probs = z.softmax(1);
        var cdf = probs.cumsum(1);
        var ids = (cdf <= uniforms.unsqueeze(1)).sum(dim: 1);              // = the first id with cdf > u
        // Rounding can leave cdf[V−1] a hair below a u close to 1: then take the last token with probability > 0.
        var lastKept = torch.arange(v).expand(probs.shape[0], v).masked_fill(probs == 0, 0).amax([1]);
        ids = torch.minimum(ids, lastKept);
        return new SamplingResult(probs.MoveToOuterDisposeScope(), ids.MoveToOuterDisposeScope());
    }
}

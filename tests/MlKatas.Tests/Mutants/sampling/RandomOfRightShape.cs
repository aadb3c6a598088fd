// Expect: WrongAnswer
// Mistake: Returns a random distribution (rows summing to 1) and random ids of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record SamplingResult(Tensor Probs, Tensor Ids);

public static class Sampling
{
    public static SamplingResult Sample(Tensor logits, double temperature, long topK, double topP, Tensor uniforms)
    {
        var probs = torch.rand_like(logits);
        return new SamplingResult(probs / probs.sum(dim: 1, keepdim: true), torch.randint(0, logits.shape[1], new long[] { logits.shape[0] }));
    }
}

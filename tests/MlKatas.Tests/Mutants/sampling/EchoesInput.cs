// Expect: NonFinite
// Mistake: Echoes the logits back as the distribution and samples nothing (id 0): banned tokens show up as −∞ probabilities.
namespace MlKatas.Katas;

public sealed record SamplingResult(Tensor Probs, Tensor Ids);

public static class Sampling
{
    public static SamplingResult Sample(Tensor logits, double temperature, long topK, double topP, Tensor uniforms)
    {
        return new SamplingResult(logits.clone(), torch.zeros(logits.shape[0], dtype: ScalarType.Int64));
    }
}

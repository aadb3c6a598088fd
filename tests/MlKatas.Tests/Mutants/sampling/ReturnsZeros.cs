// Expect: WrongAnswer
// Mistake: Returns a zero distribution and id 0 for every row.
namespace MlKatas.Katas;

public sealed record SamplingResult(Tensor Probs, Tensor Ids);

public static class Sampling
{
    public static SamplingResult Sample(Tensor logits, double temperature, long topK, double topP, Tensor uniforms)
    {
        return new SamplingResult(torch.zeros_like(logits), torch.zeros(logits.shape[0], dtype: ScalarType.Int64));
    }
}

// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record GrpoOutput(Tensor Loss, Tensor MeanKl);

public static class Grpo
{
    public static Tensor Advantages(Tensor rewards, int groupSize, double eps)
    {
        return torch.randn_like(rewards);
    }

    public static GrpoOutput Loss(Tensor logProbs, Tensor oldLogProbs, Tensor refLogProbs, Tensor advantages, Tensor mask,
        double clipEps, double beta)
    {
        return new GrpoOutput(torch.randn(Array.Empty<long>(), dtype: float64), torch.randn(Array.Empty<long>(), dtype: float64));
    }
}

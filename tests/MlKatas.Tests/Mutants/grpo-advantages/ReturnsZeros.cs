// Expect: WrongAnswer
// Mistake: Returns zero advantages and a zero loss and KL.
namespace MlKatas.Katas;

public sealed record GrpoOutput(Tensor Loss, Tensor MeanKl);

public static class Grpo
{
    public static Tensor Advantages(Tensor rewards, int groupSize, double eps)
    {
        return torch.zeros_like(rewards);
    }

    public static GrpoOutput Loss(Tensor logProbs, Tensor oldLogProbs, Tensor refLogProbs, Tensor advantages, Tensor mask,
        double clipEps, double beta)
    {
        return new GrpoOutput(torch.zeros(Array.Empty<long>(), dtype: float64), torch.zeros(Array.Empty<long>(), dtype: float64));
    }
}

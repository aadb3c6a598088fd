// Expect: WrongShape
// Mistake: Echoes its inputs back: the rewards as advantages, the log-probs as the loss ([N, T], not a scalar).
namespace MlKatas.Katas;

public sealed record GrpoOutput(Tensor Loss, Tensor MeanKl);

public static class Grpo
{
    public static Tensor Advantages(Tensor rewards, int groupSize, double eps)
    {
        return rewards;
    }

    public static GrpoOutput Loss(Tensor logProbs, Tensor oldLogProbs, Tensor refLogProbs, Tensor advantages, Tensor mask,
        double clipEps, double beta)
    {
        return new GrpoOutput(logProbs, refLogProbs);
    }
}

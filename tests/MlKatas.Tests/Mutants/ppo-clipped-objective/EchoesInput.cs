// Expect: WrongShape
// Mistake: Echoes its inputs back: the new log-probs as the loss ([B, T], not a scalar), the other per-token inputs as its parts.
namespace MlKatas.Katas;

public sealed record PpoOutput(Tensor Loss, Tensor PolicyLoss, Tensor ValueLoss, Tensor Entropy, Tensor ApproxKl, Tensor ClipFraction);

public static class Ppo
{
    public static PpoOutput Loss(Tensor newLogProbs, Tensor oldLogProbs, Tensor advantages, Tensor newValues,
        Tensor oldValues, Tensor returns, Tensor entropy, Tensor mask, double clipEps, double valueClipEps,
        double valueCoef, double entropyCoef)
    {
        return new PpoOutput(newLogProbs, advantages, newValues, entropy, oldLogProbs, returns);
    }
}

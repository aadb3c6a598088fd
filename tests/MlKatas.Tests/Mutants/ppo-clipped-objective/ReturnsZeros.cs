// Expect: WrongAnswer
// Mistake: Returns a zero loss and zero parts (0-d tensors).
namespace MlKatas.Katas;

public sealed record PpoOutput(Tensor Loss, Tensor PolicyLoss, Tensor ValueLoss, Tensor Entropy, Tensor ApproxKl, Tensor ClipFraction);

public static class Ppo
{
    public static PpoOutput Loss(Tensor newLogProbs, Tensor oldLogProbs, Tensor advantages, Tensor newValues,
        Tensor oldValues, Tensor returns, Tensor entropy, Tensor mask, double clipEps, double valueClipEps,
        double valueCoef, double entropyCoef)
    {
        return new PpoOutput(torch.zeros(Array.Empty<long>(), dtype: float64), torch.zeros(Array.Empty<long>(), dtype: float64), torch.zeros(Array.Empty<long>(), dtype: float64), torch.zeros(Array.Empty<long>(), dtype: float64), torch.zeros(Array.Empty<long>(), dtype: float64), torch.zeros(Array.Empty<long>(), dtype: float64));
    }
}

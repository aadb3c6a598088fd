// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record PpoOutput(Tensor Loss, Tensor PolicyLoss, Tensor ValueLoss, Tensor Entropy, Tensor ApproxKl, Tensor ClipFraction);

public static class Ppo
{
    public static PpoOutput Loss(Tensor newLogProbs, Tensor oldLogProbs, Tensor advantages, Tensor newValues,
        Tensor oldValues, Tensor returns, Tensor entropy, Tensor mask, double clipEps, double valueClipEps,
        double valueCoef, double entropyCoef)
    {
        return new PpoOutput(torch.randn(Array.Empty<long>(), dtype: float64), torch.randn(Array.Empty<long>(), dtype: float64), torch.randn(Array.Empty<long>(), dtype: float64), torch.randn(Array.Empty<long>(), dtype: float64), torch.randn(Array.Empty<long>(), dtype: float64), torch.randn(Array.Empty<long>(), dtype: float64));
    }
}

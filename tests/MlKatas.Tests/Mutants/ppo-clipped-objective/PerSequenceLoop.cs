// Expect: TooSlow
// Mistake: Computes each sequence's terms in a C# loop over the batch (slicing row b, masked sums per row) and adds them up, where one tensor expression over [B, T] exists.
namespace MlKatas.Katas;

public sealed record PpoOutput(Tensor Loss, Tensor PolicyLoss, Tensor ValueLoss, Tensor Entropy, Tensor ApproxKl, Tensor ClipFraction);

public static class Ppo
{
    public static PpoOutput Loss(Tensor newLogProbs, Tensor oldLogProbs, Tensor advantages, Tensor newValues,
        Tensor oldValues, Tensor returns, Tensor entropy, Tensor mask, double clipEps, double valueClipEps,
        double valueCoef, double entropyCoef)
    {
        long batch = newLogProbs.shape[0];
        var count = mask.to_type(ScalarType.Float64).sum();
        var policySum = torch.zeros(Array.Empty<long>(), dtype: float64);
        var valueSum = torch.zeros(Array.Empty<long>(), dtype: float64);
        var entropySum = torch.zeros(Array.Empty<long>(), dtype: float64);
        var klSum = torch.zeros(Array.Empty<long>(), dtype: float64);
        var clipSum = torch.zeros(Array.Empty<long>(), dtype: float64);
        for (long b = 0; b < batch; b++)
        {
            var m = mask[b].to_type(ScalarType.Float64);
            var logRatio = newLogProbs[b] - oldLogProbs[b];
            var ratio = logRatio.exp();
            var pg = torch.maximum(-advantages[b] * ratio, -advantages[b] * ratio.clamp(1 - clipEps, 1 + clipEps));
            policySum = policySum + (pg * m).sum();
            var vu = (newValues[b] - returns[b]).square();
            var vc = (oldValues[b] + (newValues[b] - oldValues[b]).clamp(-valueClipEps, valueClipEps) - returns[b]).square();
            valueSum = valueSum + (torch.maximum(vu, vc) * m).sum();
            entropySum = entropySum + (entropy[b] * m).sum();
            using var noGrad = torch.no_grad();
            klSum = klSum + (((ratio - 1) - logRatio) * m).sum();
            clipSum = clipSum + (((ratio - 1).abs() > clipEps).to_type(ScalarType.Float64) * m).sum();
        }
        var policyLoss = policySum / count;
        var valueLoss = 0.5 * valueSum / count;
        var entropyMean = entropySum / count;
        var loss = policyLoss + valueCoef * valueLoss - entropyCoef * entropyMean;
        return new PpoOutput(loss, policyLoss.detach(), valueLoss.detach(), entropyMean.detach(), (klSum / count).detach(), (clipSum / count).detach());
    }
}

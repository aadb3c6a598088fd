// Expect: WrongAnswer
// Mistake: Reports CleanRL's old_approx_kl, the masked mean of −log ratio (the k1 estimator, which can be negative), instead of the k3 estimator (ratio − 1) − log ratio.
namespace MlKatas.Katas;

public sealed record PpoOutput(Tensor Loss, Tensor PolicyLoss, Tensor ValueLoss, Tensor Entropy, Tensor ApproxKl, Tensor ClipFraction);

public static class Ppo
{
    public static PpoOutput Loss(Tensor newLogProbs, Tensor oldLogProbs, Tensor advantages, Tensor newValues,
        Tensor oldValues, Tensor returns, Tensor entropy, Tensor mask, double clipEps, double valueClipEps,
        double valueCoef, double entropyCoef)
    {
        var m = mask.to_type(newLogProbs.dtype);
        var count = m.sum();
        Tensor MaskedMean(Tensor x) => (x * m).sum() / count;

        var logRatio = newLogProbs - oldLogProbs;
        var ratio = logRatio.exp();
        var surrogate = -advantages * ratio;
        var clippedSurrogate = -advantages * ratio.clamp(1 - clipEps, 1 + clipEps);
        var policyLoss = MaskedMean(torch.maximum(surrogate, clippedSurrogate));

        var valueUnclipped = (newValues - returns).square();
        var valueClipped = (oldValues + (newValues - oldValues).clamp(-valueClipEps, valueClipEps) - returns).square();
        var valueLoss = 0.5 * MaskedMean(torch.maximum(valueUnclipped, valueClipped));

        var entropyMean = MaskedMean(entropy);
        var loss = policyLoss + valueCoef * valueLoss - entropyCoef * entropyMean;

        using var noGrad = torch.no_grad();
        var approxKl = MaskedMean(-logRatio);
        var clipFraction = MaskedMean(((ratio - 1).abs() > clipEps).to_type(m.dtype));
        return new PpoOutput(loss, policyLoss.detach(), valueLoss.detach(), entropyMean.detach(), approxKl, clipFraction);
    }
}

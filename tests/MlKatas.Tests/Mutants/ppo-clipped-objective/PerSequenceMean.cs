// Expect: WrongAnswer
// Mistake: Takes the mean over each sequence's valid tokens, then the mean over sequences (the other mean rule: short responses weigh as much as long ones), with empty sequences counted as 0.
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
        Tensor MaskedMean(Tensor x) => ((x * m).sum(dim: 1) / m.sum(dim: 1).clamp_min(1)).mean();

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
        var approxKl = MaskedMean((ratio - 1) - logRatio);
        var clipFraction = MaskedMean(((ratio - 1).abs() > clipEps).to_type(m.dtype));
        return new PpoOutput(loss, policyLoss.detach(), valueLoss.detach(), entropyMean.detach(), approxKl, clipFraction);
    }
}

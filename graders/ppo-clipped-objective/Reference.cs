namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Ppo.Loss"/>: the total loss and its parts (0-d tensors).</summary>
/// <param name="Loss">PolicyLoss + valueCoef·ValueLoss − entropyCoef·Entropy, differentiable.</param>
/// <param name="PolicyLoss">The clipped surrogate loss, masked mean of max(−A·ratio, −A·clip(ratio, 1 − ε, 1 + ε)).</param>
/// <param name="ValueLoss">0.5 · masked mean of max((V − R)², (V_old + clip(V − V_old, −ε_v, ε_v) − R)²).</param>
/// <param name="Entropy">The masked mean of the per-token entropy.</param>
/// <param name="ApproxKl">The masked mean of (ratio − 1) − log ratio (the k3 estimator of KL(old ‖ new)).</param>
/// <param name="ClipFraction">The fraction of valid tokens with |ratio − 1| &gt; ε.</param>
public sealed record PpoOutput(Tensor Loss, Tensor PolicyLoss, Tensor ValueLoss, Tensor Entropy, Tensor ApproxKl, Tensor ClipFraction);

/// <summary>PPO's clipped objective over per-token quantities, masked means over the batch's valid tokens (hidden reference).</summary>
public static class Ppo
{
    /// <summary>CleanRL's PPO loss (clip_vloss form) with every mean a masked mean over all valid tokens of the batch.</summary>
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
        var approxKl = MaskedMean((ratio - 1) - logRatio);
        var clipFraction = MaskedMean(((ratio - 1).abs() > clipEps).to_type(m.dtype));
        return new PpoOutput(loss, policyLoss.detach(), valueLoss.detach(), entropyMean.detach(), approxKl, clipFraction);
    }
}

// Expect: Passed
// Mistake: None: a control. Selects the valid tokens with masked_select into 1-D tensors and takes plain means there; torch.where for the max terms; different ops, same answer.
namespace MlKatas.Katas;

public sealed record PpoOutput(Tensor Loss, Tensor PolicyLoss, Tensor ValueLoss, Tensor Entropy, Tensor ApproxKl, Tensor ClipFraction);

public static class Ppo
{
    public static PpoOutput Loss(Tensor newLogProbs, Tensor oldLogProbs, Tensor advantages, Tensor newValues,
        Tensor oldValues, Tensor returns, Tensor entropy, Tensor mask, double clipEps, double valueClipEps,
        double valueCoef, double entropyCoef)
    {
        var logRatio = newLogProbs.masked_select(mask) - oldLogProbs.masked_select(mask);
        var adv = advantages.masked_select(mask);
        var ratio = torch.exp(logRatio);
        var pg1 = -adv * ratio;
        var pg2 = -adv * torch.clamp(ratio, 1 - clipEps, 1 + clipEps);
        var policyLoss = torch.where(pg1 > pg2, pg1, pg2).mean();

        var v = newValues.masked_select(mask);
        var vOld = oldValues.masked_select(mask);
        var ret = returns.masked_select(mask);
        var vLossUnclipped = (v - ret).pow(2);
        var vLossClipped = (vOld + torch.clamp(v - vOld, -valueClipEps, valueClipEps) - ret).pow(2);
        var valueLoss = 0.5 * torch.where(vLossUnclipped > vLossClipped, vLossUnclipped, vLossClipped).mean();

        var entropyMean = entropy.masked_select(mask).mean();
        var loss = policyLoss - entropyCoef * entropyMean + valueCoef * valueLoss;

        var r = ratio.detach();
        var lr = logRatio.detach();
        var approxKl = (r - 1 - lr).mean();
        var clipFraction = ((r - 1).abs() > clipEps).to_type(ScalarType.Float64).mean();
        return new PpoOutput(loss, policyLoss, valueLoss, entropyMean, approxKl, clipFraction);
    }
}

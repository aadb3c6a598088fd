// Expect: Passed
// Mistake: None: a control. Advantages from the group sum of squared deviations divided by G − 1; the KL as expm1(d) − d; the surrogate with torch.where on the sign of A; per-completion means with masked_fill; different ops, same answer.
namespace MlKatas.Katas;

public sealed record GrpoOutput(Tensor Loss, Tensor MeanKl);

public static class Grpo
{
    public static Tensor Advantages(Tensor rewards, int groupSize, double eps)
    {
        var g = rewards.reshape(-1, groupSize);
        var centred = g - g.mean([1], keepdim: true);
        var variance = centred.square().sum([1], keepdim: true) / (groupSize - 1);
        return (centred / (variance.sqrt() + eps)).flatten();
    }

    public static GrpoOutput Loss(Tensor logProbs, Tensor oldLogProbs, Tensor refLogProbs, Tensor advantages, Tensor mask,
        double clipEps, double beta)
    {
        var a = advantages[.., TensorIndex.None];
        var ratio = torch.exp(logProbs - oldLogProbs);
        // −min(rA, clip(r)A): for A ≥ 0 the min takes the smaller ratio, for A < 0 the larger.
        var clipped = torch.clamp(ratio, 1 - clipEps, 1 + clipEps);
        var pessimistic = torch.where(a >= 0, torch.minimum(ratio, clipped), torch.maximum(ratio, clipped));
        var d = refLogProbs - logProbs;
        var kl = torch.expm1(d) - d;
        var perToken = (beta * kl - pessimistic * a).masked_fill(mask.logical_not(), 0.0);
        var lengths = mask.sum(dim: 1).to_type(ScalarType.Float64);
        var loss = (perToken.sum(dim: 1) / lengths).mean();
        var meanKl = (kl.detach().masked_fill(mask.logical_not(), 0.0).sum(dim: 1) / lengths).mean();
        return new GrpoOutput(loss, meanKl);
    }
}

// Expect: WrongAnswer
// Mistake: Computes the variance as E[r²] − E[r]² (one pass): with rewards ~1e6 that differ by ~1 the difference of two ~1e12 numbers loses the digits that matter.
namespace MlKatas.Katas;

public sealed record GrpoOutput(Tensor Loss, Tensor MeanKl);

public static class Grpo
{
    public static Tensor Advantages(Tensor rewards, int groupSize, double eps)
    {
        var grouped = rewards.view(-1, groupSize);
        var mean = grouped.mean([1], keepdim: true);
        var meanSquare = grouped.square().mean([1], keepdim: true);
        var std = ((meanSquare - mean.square()).clamp_min(0) * groupSize / (groupSize - 1.0)).sqrt();
        return ((grouped - mean) / (std + eps)).reshape(-1);
    }

    public static GrpoOutput Loss(Tensor logProbs, Tensor oldLogProbs, Tensor refLogProbs, Tensor advantages, Tensor mask,
        double clipEps, double beta)
    {
        var m = mask.to_type(logProbs.dtype);
        var lengths = m.sum(dim: 1);
        var ratio = (logProbs - oldLogProbs).exp();
        var a = advantages.unsqueeze(1);
        var surrogate = torch.minimum(ratio * a, ratio.clamp(1 - clipEps, 1 + clipEps) * a);
        var d = refLogProbs - logProbs;
        var kl = d.exp() - d - 1;
        var perToken = -surrogate + beta * kl;
        var loss = ((perToken * m).sum(dim: 1) / lengths).mean();
        var meanKl = ((kl * m).sum(dim: 1) / lengths).mean().detach();
        return new GrpoOutput(loss, meanKl);
    }
}

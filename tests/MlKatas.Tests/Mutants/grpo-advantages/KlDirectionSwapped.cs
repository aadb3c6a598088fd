// Expect: WrongAnswer
// Mistake: Writes the k3 estimator with the log-ratio the other way round, exp(logp − ref) − (logp − ref) − 1 (an estimator of KL(π_ref ‖ π) under samples from π_ref), instead of exp(ref − logp) − (ref − logp) − 1.
namespace MlKatas.Katas;

public sealed record GrpoOutput(Tensor Loss, Tensor MeanKl);

public static class Grpo
{
    public static Tensor Advantages(Tensor rewards, int groupSize, double eps)
    {
        var grouped = rewards.view(-1, groupSize);
        var mean = grouped.mean([1], keepdim: true);
        var std = grouped.std(1, unbiased: true, keepdim: true);
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
        var d = logProbs - refLogProbs;
        var kl = d.exp() - d - 1;
        var perToken = -surrogate + beta * kl;
        var loss = ((perToken * m).sum(dim: 1) / lengths).mean();
        var meanKl = ((kl * m).sum(dim: 1) / lengths).mean().detach();
        return new GrpoOutput(loss, meanKl);
    }
}

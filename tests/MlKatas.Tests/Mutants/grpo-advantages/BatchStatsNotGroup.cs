// Expect: WrongAnswer
// Mistake: Normalises with the mean and std of the whole batch (PPO-style advantage whitening) instead of each prompt's group.
namespace MlKatas.Katas;

public sealed record GrpoOutput(Tensor Loss, Tensor MeanKl);

public static class Grpo
{
    public static Tensor Advantages(Tensor rewards, int groupSize, double eps)
    {
        return (rewards - rewards.mean()) / (rewards.std() + eps);
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

// Expect: TooSlow
// Mistake: Loops in C# over the prompts (one group of rewards at a time) and over the completions (one row of tokens at a time), where one tensor expression over all groups and all rows exists.
namespace MlKatas.Katas;

public sealed record GrpoOutput(Tensor Loss, Tensor MeanKl);

public static class Grpo
{
    public static Tensor Advantages(Tensor rewards, int groupSize, double eps)
    {
        long groups = rewards.shape[0] / groupSize;
        var parts = new List<Tensor>();
        for (long g = 0; g < groups; g++)
        {
            var r = rewards[(int)(g * groupSize)..(int)((g + 1) * groupSize)];
            parts.Add((r - r.mean()) / (r.std() + eps));
        }
        return torch.cat(parts, dim: 0);
    }

    public static GrpoOutput Loss(Tensor logProbs, Tensor oldLogProbs, Tensor refLogProbs, Tensor advantages, Tensor mask,
        double clipEps, double beta)
    {
        long n = logProbs.shape[0];
        var losses = new List<Tensor>();
        var kls = new List<Tensor>();
        for (long i = 0; i < n; i++)
        {
            var valid = mask[i];
            var lp = logProbs[i].masked_select(valid);
            var ratio = (lp - oldLogProbs[i].masked_select(valid)).exp();
            var a = advantages[i];
            var surrogate = torch.minimum(ratio * a, ratio.clamp(1 - clipEps, 1 + clipEps) * a);
            var d = refLogProbs[i].masked_select(valid) - lp;
            var kl = d.exp() - d - 1;
            losses.Add((-surrogate + beta * kl).mean());
            kls.Add(kl.detach().mean());
        }
        return new GrpoOutput(torch.stack(losses).mean(), torch.stack(kls).mean());
    }
}

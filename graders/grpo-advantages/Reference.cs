namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Grpo.Loss"/>.</summary>
/// <param name="Loss">The GRPO loss, a 0-d float64 tensor that autograd can differentiate.</param>
/// <param name="MeanKl">The k3 KL term alone, averaged the same way (per completion, then over completions), a diagnostic.</param>
public sealed record GrpoOutput(Tensor Loss, Tensor MeanKl);

/// <summary>Group Relative Policy Optimization: group-normalised advantages and the per-token loss (hidden reference).</summary>
public static class Grpo
{
    /// <summary>(r − mean of its group) / (sample std of its group + eps), groups of <paramref name="groupSize"/> consecutive rewards.</summary>
    public static Tensor Advantages(Tensor rewards, int groupSize, double eps)
    {
        var grouped = rewards.view(-1, groupSize);
        var mean = grouped.mean([1], keepdim: true);
        var std = grouped.std(1, unbiased: true, keepdim: true);
        return ((grouped - mean) / (std + eps)).reshape(-1);
    }

    /// <summary>Mean over completions of the mean over each completion's valid tokens of −min(r·A, clip(r)·A) + β·k3.</summary>
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

// Expect: Passed
// Mistake: None: a control. Written the way trainers do: labels with −100 at unscored positions and −cross_entropy(reduction: none, ignore_index: −100) over the shifted logits.
namespace MlKatas.Katas;

public sealed record SequenceLogProbs(Tensor TokenLogps, Tensor SequenceLogps, Tensor MeanLogps);

public static class LogProbs
{
    public static SequenceLogProbs Compute(Tensor logits, Tensor inputIds, Tensor attentionMask, Tensor promptLengths)
    {
        long t = inputIds.shape[1];
        var positions = torch.arange(1, t, dtype: ScalarType.Int64).unsqueeze(0);
        var scored = positions.ge(promptLengths.unsqueeze(1)).logical_and(attentionMask[.., 1..].ne(0));
        var labels = inputIds[.., 1..].masked_fill(scored.logical_not(), -100);
        var x = logits[.., ..^1];
        var tokenLogps = -torch.nn.functional.cross_entropy(x.reshape(-1, x.shape[2]), labels.reshape(-1),
            ignore_index: -100, reduction: nn.Reduction.None).reshape(labels.shape);
        tokenLogps = tokenLogps.where(scored, torch.zeros_like(tokenLogps));
        var sequence = tokenLogps.sum(dim: 1);
        var mean = sequence / scored.sum(dim: 1).to_type(ScalarType.Float64).clamp_min(1);
        return new SequenceLogProbs(tokenLogps, sequence, mean);
    }
}

// Expect: Passed
// Mistake: None: a control. Log-softmax by hand with the max subtracted (and detached, which is harmless), a float mask multiplied in instead of where.
namespace MlKatas.Katas;

public sealed record SequenceLogProbs(Tensor TokenLogps, Tensor SequenceLogps, Tensor MeanLogps);

public static class LogProbs
{
    public static SequenceLogProbs Compute(Tensor logits, Tensor inputIds, Tensor attentionMask, Tensor promptLengths)
    {
        long t = inputIds.shape[1];
        var positions = torch.arange(1, t, dtype: ScalarType.Int64).unsqueeze(0);
        var scored = positions.ge(promptLengths.unsqueeze(1)).logical_and(attentionMask[.., 1..].ne(0));
        var x = logits[.., ..^1];
        var shifted = x - x.amax(new long[] { -1 }, keepdim: true).detach();
        var logp = shifted - shifted.exp().sum(dim: -1, keepdim: true).log();
        var tokenLogps = logp.gather(-1, inputIds[.., 1..].unsqueeze(-1)).squeeze(-1) * scored.to_type(ScalarType.Float64);
        var sequence = tokenLogps.sum(dim: 1);
        var mean = sequence / scored.sum(dim: 1).to_type(ScalarType.Float64).clamp_min(1);
        return new SequenceLogProbs(tokenLogps, sequence, mean);
    }
}

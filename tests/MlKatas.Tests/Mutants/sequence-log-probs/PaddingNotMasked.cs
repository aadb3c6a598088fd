// Expect: WrongAnswer
// Mistake: Masks the prompt only: padding tokens (id 0) after the response are scored as if the model had generated them.
namespace MlKatas.Katas;

public sealed record SequenceLogProbs(Tensor TokenLogps, Tensor SequenceLogps, Tensor MeanLogps);

public static class LogProbs
{
    public static SequenceLogProbs Compute(Tensor logits, Tensor inputIds, Tensor attentionMask, Tensor promptLengths)
    {
        long t = inputIds.shape[1];
        var positions = torch.arange(1, t, dtype: ScalarType.Int64).unsqueeze(0);
        var scored = positions.ge(promptLengths.unsqueeze(1)).expand(inputIds.shape[0], t - 1);
        var logp = torch.nn.functional.log_softmax(logits[.., ..^1], dim: -1);
        var tokenLogps = logp.gather(-1, inputIds[.., 1..].unsqueeze(-1)).squeeze(-1);
        tokenLogps = tokenLogps.where(scored, torch.zeros_like(tokenLogps));
        var sequence = tokenLogps.sum(dim: 1);
        var mean = sequence / scored.sum(dim: 1).to_type(ScalarType.Float64).clamp_min(1);
        return new SequenceLogProbs(tokenLogps, sequence, mean);
    }
}

// Expect: TooSlow
// Mistake: Scores one token at a time in C# loops over rows and positions (a log_softmax per position where one op over the batch exists).
namespace MlKatas.Katas;

public sealed record SequenceLogProbs(Tensor TokenLogps, Tensor SequenceLogps, Tensor MeanLogps);

public static class LogProbs
{
    public static SequenceLogProbs Compute(Tensor logits, Tensor inputIds, Tensor attentionMask, Tensor promptLengths)
    {
        long b = inputIds.shape[0], t = inputIds.shape[1];
        var rows = new List<Tensor>();
        for (long i = 0; i < b; i++)
        {
            long prompt = promptLengths[i].item<long>();
            var row = new List<Tensor>();
            for (long j = 0; j + 1 < t; j++)
            {
                if (j + 1 >= prompt && attentionMask[i, j + 1].item<long>() != 0)
                {
                    row.Add(torch.nn.functional.log_softmax(logits[i, j], dim: 0)[inputIds[i, j + 1].item<long>()]);
                }
                else
                {
                    row.Add(torch.zeros(Array.Empty<long>(), dtype: float64));
                }
            }
            rows.Add(torch.stack(row));
        }
        var tokenLogps = torch.stack(rows);
        var count = torch.arange(1, t, dtype: ScalarType.Int64).unsqueeze(0).ge(promptLengths.unsqueeze(1))
            .logical_and(attentionMask[.., 1..].ne(0)).sum(dim: 1).to_type(ScalarType.Float64);
        var sequence = tokenLogps.sum(dim: 1);
        return new SequenceLogProbs(tokenLogps, sequence, sequence / count.clamp_min(1));
    }
}

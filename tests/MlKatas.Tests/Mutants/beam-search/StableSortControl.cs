// Expect: Passed
// Mistake: None: a different correct solution — beam scores as a tensor, one stable descending sort of all n·V
// candidate scores per step (ties come out by flat index, i.e. lower beam then lower token), the walk over its head,
// and a final sort of the finished list; the speed-budget control.
namespace MlKatas.Katas;

public sealed record BeamSearchResult(Tensor Tokens, Tensor Scores);

public static class BeamSearch
{
    public static BeamSearchResult Search(Func<Tensor, Tensor> model, long bos, long eos, int beamWidth, int maxLength, double lengthPenalty)
    {
        var prefixes = new List<List<long>> { new() { bos } };
        var beamScores = torch.zeros(1, dtype: ScalarType.Float64);
        var done = new List<(List<long> Tokens, double Score, int Order)>();
        for (int step = 0; step < maxLength && prefixes.Count > 0; step++)
        {
            using var scope = torch.NewDisposeScope();
            var input = torch.tensor(prefixes.SelectMany(p => p).ToArray(), new long[] { prefixes.Count, step + 1 });
            var logProbs = model(input);
            long v = logProbs.shape[1];
            var (sorted, flatIndex) = (beamScores.unsqueeze(1) + logProbs).flatten().sort(descending: true, stable: true);
            long head = Math.Min(2L * beamWidth, sorted.shape[0]);
            double[] s = sorted[..(int)head].data<double>().ToArray();
            long[] f = flatIndex[..(int)head].data<long>().ToArray();
            var nextPrefixes = new List<List<long>>();
            var nextScores = new List<double>();
            for (int rank = 0; rank < head && nextPrefixes.Count < beamWidth; rank++)
            {
                var prefix = prefixes[(int)(f[rank] / v)];
                long token = f[rank] % v;
                if (token != eos)
                {
                    nextPrefixes.Add(new List<long>(prefix) { token });
                    nextScores.Add(s[rank]);
                }
                else if (rank < beamWidth)
                {
                    done.Add((new List<long>(prefix.Skip(1)) { eos }, s[rank] / Math.Pow(prefix.Count, lengthPenalty), done.Count));
                }
            }
            prefixes = nextPrefixes;
            beamScores = torch.tensor(nextScores.ToArray()).MoveToOuterDisposeScope();
        }
        double[] last = prefixes.Count > 0 ? beamScores.data<double>().ToArray() : [];
        for (int b = 0; b < prefixes.Count; b++)
        {
            done.Add((prefixes[b].Skip(1).ToList(), last[b] / Math.Pow(prefixes[b].Count, lengthPenalty), done.Count));
        }
        done.Sort((x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Order.CompareTo(y.Order));
        var tokens = torch.full(beamWidth, maxLength, -1L, dtype: ScalarType.Int64);
        var scores = torch.full(new long[] { beamWidth }, double.NegativeInfinity, dtype: ScalarType.Float64);
        for (int r = 0; r < Math.Min(beamWidth, done.Count); r++)
        {
            tokens[r, ..done[r].Tokens.Count] = torch.tensor(done[r].Tokens.ToArray());
            scores[r] = torch.tensor(done[r].Score);
        }
        return new BeamSearchResult(tokens, scores);
    }
}

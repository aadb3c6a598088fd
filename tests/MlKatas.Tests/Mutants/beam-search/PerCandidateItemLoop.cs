// Expect: TooSlow
// Mistake: Python-style loops over beams and tokens that read every candidate's log-prob with logProbs[b, t].item<double>()
// and keep the best ones in C# — correct, but one tensor access per candidate where one topk (or sort) exists.
namespace MlKatas.Katas;

public sealed record BeamSearchResult(Tensor Tokens, Tensor Scores);

public static class BeamSearch
{
    public static BeamSearchResult Search(Func<Tensor, Tensor> model, long bos, long eos, int beamWidth, int maxLength, double lengthPenalty)
    {
        int k = beamWidth;
        var live = new List<(long[] Prefix, double Score)> { ([bos], 0.0) };
        var finished = new List<(long[] Tokens, double Score)>();
        for (int step = 1; step <= maxLength && live.Count > 0; step++)
        {
            using var scope = torch.NewDisposeScope();
            int n = live.Count;
            var logProbs = model(torch.tensor(live.SelectMany(h => h.Prefix).ToArray(), new long[] { n, step }));
            long v = logProbs.shape[1];
            var candidates = new List<(double Score, int Beam, long Token)>();
            for (int b = 0; b < n; b++)
            {
                for (long t = 0; t < v; t++)
                {
                    candidates.Add((live[b].Score + logProbs[b, t].item<double>(), b, t));
                }
            }
            candidates.Sort((x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Beam != y.Beam ? x.Beam.CompareTo(y.Beam) : x.Token.CompareTo(y.Token));
            var next = new List<(long[] Prefix, double Score)>();
            for (int rank = 0; rank < candidates.Count && next.Count < k; rank++)
            {
                var (score, beam, token) = candidates[rank];
                var prefix = live[beam].Prefix;
                if (token != eos)
                {
                    next.Add(([.. prefix, token], score));
                }
                else if (rank < k)
                {
                    finished.Add(([.. prefix[1..], eos], score / Math.Pow(prefix.Length, lengthPenalty)));
                }
            }
            live = next;
        }
        foreach (var (prefix, score) in live)
        {
            finished.Add((prefix[1..], score / Math.Pow(prefix.Length, lengthPenalty)));
        }
        var best = finished.OrderByDescending(h => h.Score).Take(k).ToList();
        var tokens = new long[k * maxLength];
        Array.Fill(tokens, -1L);
        var penalised = new double[k];
        for (int r = 0; r < best.Count; r++)
        {
            best[r].Tokens.CopyTo(tokens, r * maxLength);
            penalised[r] = best[r].Score;
        }
        return new BeamSearchResult(torch.tensor(tokens, new long[] { k, maxLength }), torch.tensor(penalised));
    }
}

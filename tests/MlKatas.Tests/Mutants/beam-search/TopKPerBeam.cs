// Expect: NonFinite
// Mistake: Ranks each beam's candidates separately and extends every beam by its own best token, so after the first
// step the K beams are K independent greedy searches instead of the best K of all K·V candidates. On the exhaustive case it
// cannot even fill K hypotheses (its padding scores are −∞), which is the first verdict; the other cases are WrongAnswer.
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
            int v = (int)logProbs.shape[1];
            double[] all = logProbs.data<double>().ToArray();
            var next = new List<(long[] Prefix, double Score)>();
            for (int b = 0; b < n; b++)
            {
                var (prefix, score) = live[b];
                var order = Enumerable.Range(0, v).OrderByDescending(t => all[b * v + t]).ThenBy(t => t).ToList();
                int rank = 0;
                foreach (int t in order)
                {
                    double s = score + all[b * v + t];
                    if (t == eos)
                    {
                        if (rank < k)
                        {
                            finished.Add(([.. prefix[1..], eos], s / Math.Pow(prefix.Length, lengthPenalty)));
                        }
                    }
                    else
                    {
                        next.Add(([.. prefix, t], s));
                        // The single start beam spreads to K beams; afterwards each beam keeps its own best token.
                        if (n > 1 || next.Count == k)
                        {
                            break;
                        }
                    }
                    rank++;
                }
            }
            live = next.Take(k).ToList();
        }
        foreach (var (prefix, score) in live)
        {
            finished.Add((prefix[1..], score / Math.Pow(prefix.Length, lengthPenalty)));
        }
        var best = finished.OrderByDescending(h => h.Score).Take(k).ToList();
        var tokens = new long[k * maxLength];
        Array.Fill(tokens, -1L);
        var penalised = new double[k];
        Array.Fill(penalised, double.NegativeInfinity);
        for (int r = 0; r < best.Count; r++)
        {
            best[r].Tokens.CopyTo(tokens, r * maxLength);
            penalised[r] = best[r].Score;
        }
        return new BeamSearchResult(torch.tensor(tokens, new long[] { k, maxLength }), torch.tensor(penalised));
    }
}

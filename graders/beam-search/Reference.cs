namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="BeamSearch.Search"/>.</summary>
/// <param name="Tokens">The K best hypotheses, best first, [K, maxLength] int64, padded with −1.</param>
/// <param name="Scores">Their length-penalised scores, [K] float64, descending.</param>
public sealed record BeamSearchResult(Tensor Tokens, Tensor Scores);

/// <summary>Beam search with EOS handling and Hugging Face's length penalty (hidden reference).</summary>
public static class BeamSearch
{
    /// <summary>The statement's algorithm; the candidates of a step come from one topk over all live beams.</summary>
    public static BeamSearchResult Search(Func<Tensor, Tensor> model, long bos, long eos, int beamWidth, int maxLength, double lengthPenalty)
    {
        int k = beamWidth;
        var live = new List<(long[] Prefix, double Score)> { ([bos], 0.0) };
        var finished = new List<(long[] Tokens, double Score)>();
        for (int step = 1; step <= maxLength && live.Count > 0; step++)
        {
            using var scope = torch.NewDisposeScope();
            int n = live.Count;
            var prefixes = torch.tensor(live.SelectMany(h => h.Prefix).ToArray(), new long[] { n, step });
            var logProbs = model(prefixes);                                                    // [n, V]
            long v = logProbs.shape[1];
            var total = (logProbs + torch.tensor(live.Select(h => h.Score).ToArray()).unsqueeze(1)).reshape(-1);
            // At most n ≤ K candidates are EOS, so the best 2K hold K live ones; every candidate tied with the
            // 2K-th is taken too, and the few are ordered exactly: score descending, then flat index b·V + token.
            int take = (int)Math.Min(2L * k, n * v);
            double threshold = total.topk(take).values[take - 1].item<double>();
            var index = (total >= threshold).nonzero().reshape(-1);
            long[] flat = index.data<long>().ToArray();
            double[] scores = total.index_select(0, index).data<double>().ToArray();
            var order = Enumerable.Range(0, flat.Length).OrderByDescending(i => scores[i]).ThenBy(i => flat[i]);
            var next = new List<(long[] Prefix, double Score)>();
            int rank = 0;
            foreach (int i in order)
            {
                var (prefix, _) = live[(int)(flat[i] / v)];
                long token = flat[i] % v;
                if (token == eos)
                {
                    if (rank < k)
                    {
                        // len counts BOS and not EOS: the prefix the hypothesis was extended from.
                        finished.Add(([.. prefix[1..], eos], scores[i] / Math.Pow(prefix.Length, lengthPenalty)));
                    }
                }
                else
                {
                    next.Add(([.. prefix, token], scores[i]));
                    if (next.Count == k)
                    {
                        break;
                    }
                }
                rank++;
            }
            live = next;
        }
        foreach (var (prefix, score) in live)
        {
            finished.Add((prefix[1..], score / Math.Pow(prefix.Length, lengthPenalty)));
        }
        var best = finished.OrderByDescending(h => h.Score).Take(k).ToList();                // stable: ties keep finishing order
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

// Expect: TooSlow
// Mistake: For every merge, re-reads the whole corpus byte by byte from the tensor (corpus[i].item<long>()) and
// replays all earlier merges on it before counting pairs — correct, but one tensor access per byte per merge.
namespace MlKatas.Katas;

public static class Bpe
{
    private static bool IsWhitespace(long b) => b is 9 or 10 or 11 or 12 or 13 or 32;

    public static Tensor Train(Tensor corpus, int numMerges)
    {
        long n = corpus.shape[0];
        var merges = new List<(int A, int B)>();
        for (int rank = 0; rank < numMerges; rank++)
        {
            var counts = new Dictionary<(int, int), long>();
            var word = new List<int>();
            for (long i = 0; i <= n; i++)
            {
                long b = i < n ? corpus[i].item<long>() : 32;
                if (!IsWhitespace(b))
                {
                    word.Add((int)b);
                    continue;
                }
                for (int r = 0; r < merges.Count; r++)
                {
                    word = Apply(word, merges[r].A, merges[r].B, 256 + r);
                }
                for (int j = 0; j + 1 < word.Count; j++)
                {
                    counts[(word[j], word[j + 1])] = counts.GetValueOrDefault((word[j], word[j + 1])) + 1;
                }
                word.Clear();
            }
            if (counts.Count == 0)
            {
                break;
            }
            var best = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
            merges.Add(best);
        }
        return torch.tensor(merges.SelectMany(p => new long[] { p.A, p.B }).ToArray(), new long[] { merges.Count, 2 });
    }

    public static Tensor Encode(Tensor text, Tensor merges)
    {
        var ids = new List<int>();
        for (long i = 0; i < text.shape[0]; i++)
        {
            ids.Add((int)text[i].item<long>());
        }
        for (long r = 0; r < merges.shape[0]; r++)
        {
            ids = Apply(ids, (int)merges[r, 0].item<long>(), (int)merges[r, 1].item<long>(), (int)(256 + r));
        }
        return torch.tensor(ids.Select(x => (long)x).ToArray());
    }

    private static List<int> Apply(List<int> w, int a, int b, int id)
    {
        var result = new List<int>(w.Count);
        for (int i = 0; i < w.Count; i++)
        {
            if (i + 1 < w.Count && w[i] == a && w[i + 1] == b)
            {
                result.Add(id);
                i++;
            }
            else
            {
                result.Add(w[i]);
            }
        }
        return result;
    }
}

// Expect: WrongShape
// Mistake: Trains on the corpus as one byte sequence, so pairs that contain whitespace or span two words are counted and merged. (A wrong merge list encodes a text to a different number of ids: WrongShape on golden case 13-train-then-encode.)
namespace MlKatas.Katas;

public static class Bpe
{
    private static bool IsWhitespace(long b) => b is 9 or 10 or 11 or 12 or 13 or 32;

    /// <summary>Learns up to <paramref name="numMerges"/> merges; distinct words are counted once with their frequency.</summary>
    public static Tensor Train(Tensor corpus, int numMerges)
    {
        long[] bytes = corpus.data<long>().ToArray();
        var frequency = new Dictionary<string, long>(StringComparer.Ordinal);
        int start = -1;
        for (int i = 0; i <= bytes.Length; i++)
        {
            bool boundary = i == bytes.Length;
            if (!boundary && start < 0)
            {
                start = i;
            }
            else if (boundary && start >= 0)
            {
                string key = new(bytes[start..i].Select(b => (char)b).ToArray());
                frequency[key] = frequency.GetValueOrDefault(key) + 1;
                start = -1;
            }
        }
        var words = frequency.Keys.Select(k => k.Select(c => (int)c).ToList()).ToList();
        long[] counts = [.. frequency.Values];
        var merges = new List<long>();
        for (int rank = 0; rank < numMerges; rank++)
        {
            var pairs = new Dictionary<(int, int), long>();
            for (int w = 0; w < words.Count; w++)
            {
                var word = words[w];
                for (int i = 0; i + 1 < word.Count; i++)
                {
                    var pair = (word[i], word[i + 1]);
                    pairs[pair] = pairs.GetValueOrDefault(pair) + counts[w];
                }
            }
            if (pairs.Count == 0)
            {
                break;
            }
            var best = pairs.First();
            foreach (var entry in pairs)
            {
                if (entry.Value > best.Value || (entry.Value == best.Value && entry.Key.CompareTo(best.Key) < 0))
                {
                    best = entry;
                }
            }
            var (a, b) = best.Key;
            merges.Add(a);
            merges.Add(b);
            for (int w = 0; w < words.Count; w++)
            {
                words[w] = Merge(words[w], a, b, 256 + rank);
            }
        }
        return torch.tensor(merges.ToArray(), new long[] { merges.Count / 2, 2 });
    }

    /// <summary>Applies the merges in rank order, each in one left-to-right, non-overlapping pass over the whole text.</summary>
    public static Tensor Encode(Tensor text, Tensor merges)
    {
        var ids = text.data<long>().ToArray().Select(b => (int)b).ToList();
        long[] m = merges.data<long>().ToArray();
        for (int rank = 0; rank < m.Length / 2; rank++)
        {
            ids = Merge(ids, (int)m[2 * rank], (int)m[2 * rank + 1], 256 + rank);
        }
        return torch.tensor(ids.Select(i => (long)i).ToArray());
    }

    private static List<int> Merge(List<int> word, int a, int b, int id)
    {
        var merged = new List<int>(word.Count);
        for (int i = 0; i < word.Count; i++)
        {
            if (i + 1 < word.Count && word[i] == a && word[i + 1] == b)
            {
                merged.Add(id);
                i++;
            }
            else
            {
                merged.Add(word[i]);
            }
        }
        return merged;
    }
}

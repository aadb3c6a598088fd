// Expect: Passed
// Mistake: None: a different correct solution — no word deduplication (every word occurrence kept, in corpus order),
// pair counts in a Dictionary keyed by a packed long (a << 32 | b) recomputed from scratch per merge, merges applied to
// each occurrence; encoding word by word with whitespace bytes passed through. The speed-budget control.
namespace MlKatas.Katas;

public static class Bpe
{
    public static Tensor Train(Tensor corpus, int numMerges)
    {
        long[] bytes = corpus.data<long>().ToArray();
        var words = Words(bytes).Select(w => w.Select(b => (int)b).ToArray()).ToList();
        var merges = new long[numMerges * 2];
        int learned = 0;
        for (; learned < numMerges; learned++)
        {
            var counts = new Dictionary<long, long>();
            foreach (var w in words)
            {
                for (int i = 0; i + 1 < w.Length; i++)
                {
                    long key = ((long)w[i] << 32) | (uint)w[i + 1];
                    counts[key] = counts.TryGetValue(key, out long c) ? c + 1 : 1;
                }
            }
            if (counts.Count == 0)
            {
                break;
            }
            long bestKey = -1, bestCount = 0;
            foreach (var (key, c) in counts)
            {
                if (c > bestCount || (c == bestCount && key < bestKey))
                {
                    bestKey = key;
                    bestCount = c;
                }
            }
            int a = (int)(bestKey >> 32), b = (int)(bestKey & 0xffffffff);
            merges[2 * learned] = a;
            merges[2 * learned + 1] = b;
            for (int j = 0; j < words.Count; j++)
            {
                words[j] = Apply(words[j], a, b, 256 + learned);
            }
        }
        return torch.tensor(merges[..(2 * learned)], new long[] { learned, 2 });
    }

    public static Tensor Encode(Tensor text, Tensor merges)
    {
        long[] bytes = text.data<long>().ToArray();
        long[] m = merges.data<long>().ToArray();
        var output = new List<long>();
        var word = new List<int>();
        void Flush()
        {
            var w = word.ToArray();
            for (int r = 0; r < m.Length / 2; r++)
            {
                w = Apply(w, (int)m[2 * r], (int)m[2 * r + 1], 256 + r);
            }
            output.AddRange(w.Select(x => (long)x));
            word.Clear();
        }
        foreach (long b in bytes)
        {
            if (b is 9 or 10 or 11 or 12 or 13 or 32)
            {
                Flush();
                output.Add(b);
            }
            else
            {
                word.Add((int)b);
            }
        }
        Flush();
        return torch.tensor(output.ToArray());
    }

    private static List<long[]> Words(long[] bytes)
    {
        var words = new List<long[]>();
        int start = 0;
        for (int i = 0; i <= bytes.Length; i++)
        {
            if (i == bytes.Length || bytes[i] is 9 or 10 or 11 or 12 or 13 or 32)
            {
                if (i > start)
                {
                    words.Add(bytes[start..i]);
                }
                start = i + 1;
            }
        }
        return words;
    }

    private static int[] Apply(int[] w, int a, int b, int id)
    {
        var result = new List<int>(w.Length);
        for (int i = 0; i < w.Length; i++)
        {
            if (i + 1 < w.Length && w[i] == a && w[i + 1] == b)
            {
                result.Add(id);
                i++;
            }
            else
            {
                result.Add(w[i]);
            }
        }
        return result.ToArray();
    }
}

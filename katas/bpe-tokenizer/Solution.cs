namespace MlKatas.Katas;

/// <summary>
/// Byte-level byte-pair encoding (the GPT-2 / minbpe family without a pre-tokenising regex): learn merges of adjacent
/// token pairs from a corpus, then encode text by applying them.
/// </summary>
public static class Bpe
{
    /// <summary>
    /// Learns up to <paramref name="numMerges"/> merges. Words are maximal runs of non-whitespace bytes (whitespace: bytes
    /// 9–13 and 32); each merge takes the adjacent pair with the highest count (every position of every word, times the
    /// word's frequency), ties to the lexicographically smallest pair (a, b), and gives it id 256 + its rank.
    /// </summary>
    /// <param name="corpus">UTF-8 bytes of the training text, [N] int64, values 0–255.</param>
    /// <param name="numMerges">The most merges to learn; training stops earlier when no word has two tokens left.</param>
    /// <returns>The merges in rank order, [M, 2] int64 (M ≤ numMerges): row r is the pair (a, b) that became token 256 + r.</returns>
    public static Tensor Train(Tensor corpus, int numMerges)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// Encodes text: starting from its bytes, applies merge 0, then merge 1, … each as one left-to-right, non-overlapping
    /// pass over the whole sequence ("aaa" with the merge (a, a) → [aa, a]). Whitespace bytes stay single tokens.
    /// </summary>
    /// <param name="text">UTF-8 bytes of the text, [L] int64, values 0–255.</param>
    /// <param name="merges">Merges in rank order, [M, 2] int64, as <see cref="Train"/> returns them.</param>
    /// <returns>The token ids, [K] int64.</returns>
    public static Tensor Encode(Tensor text, Tensor merges)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

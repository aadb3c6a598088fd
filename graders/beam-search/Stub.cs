namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="BeamSearch.Search"/>.</summary>
/// <param name="Tokens">The K best hypotheses, best first, [K, maxLength] int64: generated tokens (not BOS), EOS included when the hypothesis ended with it, then −1 padding.</param>
/// <param name="Scores">Their length-penalised scores, [K] float64, in the same order (descending).</param>
public sealed record BeamSearchResult(Tensor Tokens, Tensor Scores);

/// <summary>
/// Beam search as Hugging Face's generate(num_beams = K) does it: candidates over all live beams, hypotheses that emit
/// EOS leave the beam for a finished list, and the final ranking divides each score by len^lengthPenalty.
/// </summary>
public static class BeamSearch
{
    /// <summary>
    /// Runs beam search from the prefix [bos] for at most <paramref name="maxLength"/> generated tokens.
    /// </summary>
    /// <param name="model">The language model: prefixes [n, t] int64 (each row bos then the t − 1 tokens generated so far) → next-token log-probs [n, V] float64, every value ≤ 0.</param>
    /// <param name="bos">The start token, the first column of every prefix you pass to the model.</param>
    /// <param name="eos">The end token; a hypothesis that emits it is finished.</param>
    /// <param name="beamWidth">K ≥ 1, the number of live beams and of hypotheses returned.</param>
    /// <param name="maxLength">L ≥ 1, the most tokens a hypothesis may generate (EOS included).</param>
    /// <param name="lengthPenalty">α ≥ 0: a finished hypothesis scores (sum of its log-probs) / len^α, len = 1 + its number of non-EOS tokens.</param>
    /// <returns>The K best finished hypotheses and their scores, best first.</returns>
    public static BeamSearchResult Search(Func<Tensor, Tensor> model, long bos, long eos, int beamWidth, int maxLength, double lengthPenalty)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

// Expect: WrongAnswer
// Mistake: Echoes the start token back as every hypothesis (BOS repeated) with the best log-prob after BOS as every score.
namespace MlKatas.Katas;

public sealed record BeamSearchResult(Tensor Tokens, Tensor Scores);

public static class BeamSearch
{
    public static BeamSearchResult Search(Func<Tensor, Tensor> model, long bos, long eos, int beamWidth, int maxLength, double lengthPenalty)
    {
        var first = model(torch.tensor(new long[] { bos }).reshape(1, 1));
        return new BeamSearchResult(torch.full(beamWidth, maxLength, bos, dtype: ScalarType.Int64), torch.full(new long[] { beamWidth }, first.max().item<double>(), dtype: ScalarType.Float64));
    }
}

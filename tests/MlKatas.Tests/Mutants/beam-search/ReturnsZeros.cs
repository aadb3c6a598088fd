// Expect: WrongAnswer
// Mistake: Returns zero tokens and zero scores of the right shapes without searching.
namespace MlKatas.Katas;

public sealed record BeamSearchResult(Tensor Tokens, Tensor Scores);

public static class BeamSearch
{
    public static BeamSearchResult Search(Func<Tensor, Tensor> model, long bos, long eos, int beamWidth, int maxLength, double lengthPenalty)
    {
        return new BeamSearchResult(torch.zeros(beamWidth, maxLength, dtype: ScalarType.Int64), torch.zeros(beamWidth, dtype: ScalarType.Float64));
    }
}

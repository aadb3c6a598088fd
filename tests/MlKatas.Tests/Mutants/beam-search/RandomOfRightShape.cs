// Expect: WrongAnswer
// Mistake: Returns random token ids and random negative scores of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record BeamSearchResult(Tensor Tokens, Tensor Scores);

public static class BeamSearch
{
    public static BeamSearchResult Search(Func<Tensor, Tensor> model, long bos, long eos, int beamWidth, int maxLength, double lengthPenalty)
    {
        long v = model(torch.tensor(new long[] { bos }).reshape(1, 1)).shape[1];
        return new BeamSearchResult(torch.randint(0, v, new long[] { beamWidth, maxLength }),
            -torch.rand(beamWidth, dtype: ScalarType.Float64));
    }
}

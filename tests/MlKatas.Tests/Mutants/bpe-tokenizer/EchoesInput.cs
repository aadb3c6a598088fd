// Expect: WrongShape
// Mistake: Learns nothing (no merges) and encodes text as its bytes. (How many merges are learned and how many ids a text encodes to depend on the data, so the shapes are already wrong: case 07 learns 1 merge of the 5 asked.)
namespace MlKatas.Katas;

public static class Bpe
{
    public static Tensor Train(Tensor corpus, int numMerges) => torch.zeros(0, 2, dtype: ScalarType.Int64);

    public static Tensor Encode(Tensor text, Tensor merges) => text.clone();
}

// Expect: NonFinite
// Mistake: Echoes the logits back unnormalised (a masked −inf logit comes back as −inf where its probability is 0).
namespace MlKatas.Katas;

public static class StableSoftmax
{
    public static Tensor Softmax(Tensor x, long dim) => x.clone();

    public static Tensor LogSoftmax(Tensor x, long dim) => x.clone();
}

// Expect: NonFinite
// Mistake: A correct, max-shifted softmax, but log-softmax as log(softmax(x)): a probability that underflows to 0 gives -inf where the answer is about -1500.
namespace MlKatas.Katas;

public static class StableSoftmax
{
    public static Tensor Softmax(Tensor x, long dim)
    {
        var e = (x - x.amax([dim], keepdim: true)).exp();
        return e / e.sum(dim, keepdim: true);
    }

    public static Tensor LogSoftmax(Tensor x, long dim) => Softmax(x, dim).log();
}

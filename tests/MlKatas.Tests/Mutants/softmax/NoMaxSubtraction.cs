// Expect: NonFinite
// Mistake: The textbook formula exp(x) / Σ exp(x) without shifting by the max: exp(1000) overflows to inf and inf/inf is NaN.
namespace MlKatas.Katas;

public static class StableSoftmax
{
    public static Tensor Softmax(Tensor x, long dim)
    {
        var e = x.exp();
        return e / e.sum(dim, keepdim: true);
    }

    public static Tensor LogSoftmax(Tensor x, long dim) => x - x.exp().sum(dim, keepdim: true).log();
}

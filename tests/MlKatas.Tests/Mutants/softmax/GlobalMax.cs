// Expect: NonFinite
// Mistake: Shifts by the max of the whole tensor instead of each slice's max: a slice far below it underflows to 0/0 = NaN.
namespace MlKatas.Katas;

public static class StableSoftmax
{
    public static Tensor Softmax(Tensor x, long dim)
    {
        var e = (x - x.max()).exp();
        return e / e.sum(dim, keepdim: true);
    }

    public static Tensor LogSoftmax(Tensor x, long dim)
    {
        var shifted = x - x.max();
        return shifted - shifted.exp().sum(dim, keepdim: true).log();
    }
}

// Expect: WrongAnswer
// Mistake: Normalises over the last dimension (the usual case) whatever dim says.
namespace MlKatas.Katas;

public static class StableSoftmax
{
    public static Tensor Softmax(Tensor x, long dim)
    {
        var e = (x - x.amax([-1], keepdim: true)).exp();
        return e / e.sum(-1, keepdim: true);
    }

    public static Tensor LogSoftmax(Tensor x, long dim)
    {
        var shifted = x - x.amax([-1], keepdim: true);
        return shifted - shifted.exp().sum(-1, keepdim: true).log();
    }
}

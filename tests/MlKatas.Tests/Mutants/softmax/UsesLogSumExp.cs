// Expect: ForbiddenApi
// Mistake: Writes log-softmax as x − logsumexp(x), leaving the max-shift trick to the library.
namespace MlKatas.Katas;

public static class StableSoftmax
{
    public static Tensor Softmax(Tensor x, long dim) => LogSoftmax(x, dim).exp();

    public static Tensor LogSoftmax(Tensor x, long dim) => x - torch.logsumexp(x, dim, keepdim: true);
}

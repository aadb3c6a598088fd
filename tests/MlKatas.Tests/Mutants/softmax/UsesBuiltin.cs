// Expect: ForbiddenApi
// Mistake: Calls the built-in softmax and log_softmax instead of writing them.
namespace MlKatas.Katas;

public static class StableSoftmax
{
    public static Tensor Softmax(Tensor x, long dim) => x.softmax(dim);

    public static Tensor LogSoftmax(Tensor x, long dim) => torch.nn.functional.log_softmax(x, dim);
}

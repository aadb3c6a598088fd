// Expect: WrongAnswer
// Mistake: Returns zeros of the right shape and dtype without computing anything.
namespace MlKatas.Katas;

public static class StableSoftmax
{
    public static Tensor Softmax(Tensor x, long dim) => torch.zeros_like(x);

    public static Tensor LogSoftmax(Tensor x, long dim) => torch.zeros_like(x);
}

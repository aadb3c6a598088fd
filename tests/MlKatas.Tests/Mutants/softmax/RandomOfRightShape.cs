// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shape and dtype (random probabilities that do sum to 1 along dim).
namespace MlKatas.Katas;

public static class StableSoftmax
{
    public static Tensor Softmax(Tensor x, long dim)
    {
        var r = torch.rand_like(x);
        return r / r.sum(dim, keepdim: true);
    }

    public static Tensor LogSoftmax(Tensor x, long dim) => Softmax(x, dim).log();
}

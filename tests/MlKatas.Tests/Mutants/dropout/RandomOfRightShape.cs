// Expect: WrongAnswer
// Mistake: Returns standard-normal random numbers of the right shape and dtype.
namespace MlKatas.Katas;

public static class Dropout
{
    public static Tensor Forward(Tensor x, Tensor u, double p, bool training)
        => torch.randn_like(x);

    public static Tensor Backward(Tensor dy, Tensor u, double p, bool training)
        => torch.randn_like(dy);
}

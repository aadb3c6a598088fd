// Expect: WrongAnswer
// Mistake: Returns zeros of the right shape and dtype.
namespace MlKatas.Katas;

public static class Dropout
{
    public static Tensor Forward(Tensor x, Tensor u, double p, bool training)
        => torch.zeros_like(x);

    public static Tensor Backward(Tensor dy, Tensor u, double p, bool training)
        => torch.zeros_like(dy);
}

// Expect: WrongAnswer
// Mistake: Echoes its input back: x as the output, dy as the gradient (right only in eval mode and at p = 0).
namespace MlKatas.Katas;

public static class Dropout
{
    public static Tensor Forward(Tensor x, Tensor u, double p, bool training)
        => x.clone();

    public static Tensor Backward(Tensor dy, Tensor u, double p, bool training)
        => dy.clone();
}

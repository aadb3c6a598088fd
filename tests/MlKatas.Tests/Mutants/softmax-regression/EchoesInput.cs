// Expect: WrongAnswer
// Mistake: Echoes the inputs back: the first K samples of x (transposed to [d, K]) as W and the first K labels as b; PredictProba returns the logits x·W + b unnormalised.
namespace MlKatas.Katas;

public static class SoftmaxRegression
{
    public static (Tensor Weights, Tensor Bias) Fit(Tensor x, Tensor y, int classes, double l2) =>
        (x.t()[.., ..classes].clone(), y[..classes].to(float64));

    public static Tensor PredictProba(Tensor x, Tensor weights, Tensor bias) => x.matmul(weights) + bias;
}

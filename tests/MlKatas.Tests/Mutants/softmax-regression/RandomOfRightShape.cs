// Expect: WrongAnswer
// Mistake: Returns random weights and biases of the right shape and dtype, and random probabilities (rows normalised).
namespace MlKatas.Katas;

public static class SoftmaxRegression
{
    public static (Tensor Weights, Tensor Bias) Fit(Tensor x, Tensor y, int classes, double l2) =>
        (torch.randn(x.shape[1], classes, dtype: float64), torch.randn(classes, dtype: float64));

    public static Tensor PredictProba(Tensor x, Tensor weights, Tensor bias)
    {
        var r = torch.rand(x.shape[0], weights.shape[1], dtype: float64);
        return r / r.sum(dim: 1, keepdim: true);
    }
}

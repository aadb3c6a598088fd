// Expect: WrongAnswer
// Mistake: Returns zero weights and biases, and all-zero probabilities.
namespace MlKatas.Katas;

public static class SoftmaxRegression
{
    public static (Tensor Weights, Tensor Bias) Fit(Tensor x, Tensor y, int classes, double l2) =>
        (torch.zeros(x.shape[1], classes, dtype: float64), torch.zeros(classes, dtype: float64));

    public static Tensor PredictProba(Tensor x, Tensor weights, Tensor bias) =>
        torch.zeros(x.shape[0], weights.shape[1], dtype: float64);
}

// Expect: WrongAnswer
// Mistake: Returns zero weights and a zero bias.
namespace MlKatas.Katas;

public static class RidgeRegression
{
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y, double l2) => (torch.zeros(x.shape[1], dtype: float64), 0.0);
}

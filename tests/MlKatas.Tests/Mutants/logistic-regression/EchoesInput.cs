// Expect: WrongAnswer
// Mistake: Echoes its inputs back: the first row of x as the weights, the first label as the bias, the first feature column as probabilities.
namespace MlKatas.Katas;

public static class LogisticRegression
{
    public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y, double l2)
    {
        return (x[0], y[0].item<double>());
    }

    public static Tensor PredictProba(Tensor x, Tensor weights, double bias)
    {
        return x[.., 0];
    }
}

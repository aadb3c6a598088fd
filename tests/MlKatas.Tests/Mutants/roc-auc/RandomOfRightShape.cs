// Expect: WrongAnswer
// Mistake: Returns a random AUC and random curves of the right length and dtype.
namespace MlKatas.Katas;

public static class RocAuc
{
    public static double Score(Tensor yTrue, Tensor scores) => Random.Shared.NextDouble();

    public static (Tensor Fpr, Tensor Tpr, Tensor Thresholds) Curve(Tensor yTrue, Tensor scores)
    {
        long m = torch.unique(scores).Item1.shape[0] + 1;
        return (torch.rand(m, dtype: float64), torch.rand(m, dtype: float64), torch.rand(m, dtype: float64));
    }
}

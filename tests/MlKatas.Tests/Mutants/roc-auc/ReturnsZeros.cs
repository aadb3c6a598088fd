// Expect: WrongAnswer
// Mistake: Returns an AUC of 0 and all-zero curves of the right length, computing nothing.
namespace MlKatas.Katas;

public static class RocAuc
{
    public static double Score(Tensor yTrue, Tensor scores) => 0.0;

    public static (Tensor Fpr, Tensor Tpr, Tensor Thresholds) Curve(Tensor yTrue, Tensor scores)
    {
        long m = torch.unique(scores).Item1.shape[0] + 1;
        return (torch.zeros(m, dtype: float64), torch.zeros(m, dtype: float64), torch.zeros(m, dtype: float64));
    }
}

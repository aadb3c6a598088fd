// Expect: WrongShape
// Mistake: Echoes the input back: the first score as the AUC, and the scores themselves as fpr, tpr and thresholds.
namespace MlKatas.Katas;

public static class RocAuc
{
    public static double Score(Tensor yTrue, Tensor scores) => scores[0].item<double>();

    public static (Tensor Fpr, Tensor Tpr, Tensor Thresholds) Curve(Tensor yTrue, Tensor scores) =>
        (scores.clone(), scores.clone(), scores.clone());
}

// Expect: WrongAnswer
// Mistake: Returns zero weights.
namespace MlKatas.Katas;

public static class LinearSvmPrimal
{
    public static Tensor Pegasos(Tensor x, Tensor y, double lambda, Tensor order, bool project) =>
        torch.zeros(x.shape[1], dtype: float64);
}

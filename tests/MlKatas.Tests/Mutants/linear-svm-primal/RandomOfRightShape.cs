// Expect: WrongAnswer
// Mistake: Returns random weights of the right shape and dtype.
namespace MlKatas.Katas;

public static class LinearSvmPrimal
{
    public static Tensor Pegasos(Tensor x, Tensor y, double lambda, Tensor order, bool project) =>
        torch.randn(x.shape[1], dtype: float64);
}

// Expect: WrongAnswer
// Mistake: Echoes the input back: the first sample of the schedule as the weights.
namespace MlKatas.Katas;

public static class LinearSvmPrimal
{
    public static Tensor Pegasos(Tensor x, Tensor y, double lambda, Tensor order, bool project) =>
        x[order[0].item<long>()].clone();
}

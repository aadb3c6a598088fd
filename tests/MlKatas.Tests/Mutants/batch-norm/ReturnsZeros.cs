// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes for every output.
namespace MlKatas.Katas;

public static class BatchNorm
{
    public static (Tensor Y, Tensor RunningMean, Tensor RunningVar) ForwardTrain(Tensor x, Tensor gamma, Tensor beta,
        Tensor runningMean, Tensor runningVar, double momentum, double eps) =>
        (torch.zeros_like(x), torch.zeros_like(runningMean), torch.zeros_like(runningVar));

    public static Tensor ForwardEval(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, double eps) =>
        torch.zeros_like(x);

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps) =>
        (torch.zeros_like(x), torch.zeros_like(gamma), torch.zeros_like(gamma));
}

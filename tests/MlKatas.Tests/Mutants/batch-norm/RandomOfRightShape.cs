// Expect: WrongAnswer
// Mistake: Returns standard-normal random numbers of the right shapes for every output.
namespace MlKatas.Katas;

public static class BatchNorm
{
    public static (Tensor Y, Tensor RunningMean, Tensor RunningVar) ForwardTrain(Tensor x, Tensor gamma, Tensor beta,
        Tensor runningMean, Tensor runningVar, double momentum, double eps) =>
        (torch.randn_like(x), torch.randn_like(runningMean), torch.randn_like(runningVar));

    public static Tensor ForwardEval(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, double eps) =>
        torch.randn_like(x);

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps) =>
        (torch.randn_like(x), torch.randn_like(gamma), torch.randn_like(gamma));
}

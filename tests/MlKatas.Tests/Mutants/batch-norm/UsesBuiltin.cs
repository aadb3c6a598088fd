// Expect: ForbiddenApi
// Mistake: Calls torch.nn.functional.batch_norm instead of writing the normalisation.
namespace MlKatas.Katas;

public static class BatchNorm
{
    public static (Tensor Y, Tensor RunningMean, Tensor RunningVar) ForwardTrain(Tensor x, Tensor gamma, Tensor beta,
        Tensor runningMean, Tensor runningVar, double momentum, double eps)
    {
        var rm = runningMean.clone();
        var rv = runningVar.clone();
        var y = torch.nn.functional.batch_norm(x, rm, rv, gamma, beta, training: true, momentum: momentum, eps: eps);
        return (y, rm, rv);
    }

    public static Tensor ForwardEval(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, double eps) =>
        torch.nn.functional.batch_norm(x, runningMean, runningVar, gamma, beta, training: false, eps: eps);

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps) =>
        (torch.zeros_like(x), torch.zeros_like(gamma), torch.zeros_like(gamma));
}

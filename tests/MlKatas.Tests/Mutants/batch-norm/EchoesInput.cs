// Expect: WrongAnswer
// Mistake: Echoes the inputs: y = x, the running statistics unchanged, dx = dy, dgamma = gamma, dbeta = gamma.
namespace MlKatas.Katas;

public static class BatchNorm
{
    public static (Tensor Y, Tensor RunningMean, Tensor RunningVar) ForwardTrain(Tensor x, Tensor gamma, Tensor beta,
        Tensor runningMean, Tensor runningVar, double momentum, double eps) =>
        (x.clone(), runningMean.clone(), runningVar.clone());

    public static Tensor ForwardEval(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, double eps) => x.clone();

    public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps) =>
        (dy.clone(), gamma.clone(), gamma.clone());
}

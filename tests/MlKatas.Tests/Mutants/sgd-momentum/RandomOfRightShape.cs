// Expect: WrongAnswer
// Mistake: Returns standard-normal random numbers of the right shape and dtype.
namespace MlKatas.Katas;

public static class SgdMomentum
{
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        return torch.randn(grads.shape, dtype: ScalarType.Float64);
    }
}

// Expect: WrongAnswer
// Mistake: Returns zeros of the right shape and dtype.
namespace MlKatas.Katas;

public static class SgdMomentum
{
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        return torch.zeros(grads.shape, dtype: ScalarType.Float64);
    }
}

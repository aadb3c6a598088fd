// Expect: WrongAnswer
// Mistake: Returns zeros of the right shape and dtype.
namespace MlKatas.Katas;

public static class AdamOptimizer
{
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
    {
        return torch.zeros(grads.shape, dtype: ScalarType.Float64);
    }
}

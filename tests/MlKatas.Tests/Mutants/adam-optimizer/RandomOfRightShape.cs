// Expect: WrongAnswer
// Mistake: Returns standard-normal random numbers of the right shape and dtype.
namespace MlKatas.Katas;

public static class AdamOptimizer
{
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
    {
        return torch.randn(grads.shape, dtype: ScalarType.Float64);
    }
}

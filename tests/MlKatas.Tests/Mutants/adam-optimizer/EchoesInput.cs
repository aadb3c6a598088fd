// Expect: WrongAnswer
// Mistake: Echoes the gradients back as the trajectory.
namespace MlKatas.Katas;

public static class AdamOptimizer
{
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
    {
        return grads.clone();
    }
}

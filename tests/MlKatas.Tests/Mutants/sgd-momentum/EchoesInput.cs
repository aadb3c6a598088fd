// Expect: WrongAnswer
// Mistake: Echoes the gradients back as the trajectory.
namespace MlKatas.Katas;

public static class SgdMomentum
{
    public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        return grads.clone();
    }
}

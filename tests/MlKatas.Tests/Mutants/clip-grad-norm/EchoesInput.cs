// Expect: WrongAnswer
// Mistake: Echoes the gradients back unclipped, with max_norm as the total norm.
namespace MlKatas.Katas;

public static class GradClipping
{
    public static (Tensor[] Grads, double TotalNorm) ClipGradNorm(Tensor[] grads, double maxNorm, double normType)
    {
        return (grads, maxNorm);
    }
}

// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtype, and a total norm of 0.
namespace MlKatas.Katas;

public static class GradClipping
{
    public static (Tensor[] Grads, double TotalNorm) ClipGradNorm(Tensor[] grads, double maxNorm, double normType)
    {
        return (grads.Select(g => torch.zeros_like(g)).ToArray(), 0.0);
    }
}

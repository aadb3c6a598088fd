// Expect: WrongAnswer
// Mistake: Returns standard-normal random numbers of the right shapes and dtype, and a random total norm.
namespace MlKatas.Katas;

public static class GradClipping
{
    public static (Tensor[] Grads, double TotalNorm) ClipGradNorm(Tensor[] grads, double maxNorm, double normType)
    {
        return (grads.Select(g => torch.randn_like(g)).ToArray(), Random.Shared.NextDouble());
    }
}

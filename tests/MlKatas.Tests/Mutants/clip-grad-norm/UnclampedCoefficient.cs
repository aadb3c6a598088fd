// Expect: WrongAnswer
// Mistake: Does not clamp the coefficient to 1: gradients whose total norm is below max_norm get scaled UP to max_norm.
namespace MlKatas.Katas;

public static class GradClipping
{
    public static (Tensor[] Grads, double TotalNorm) ClipGradNorm(Tensor[] grads, double maxNorm, double normType)
    {
        bool inf = double.IsPositiveInfinity(normType);
        double total = 0;
        foreach (var g in grads)
        {
            var g64 = g.to_type(ScalarType.Float64);
            total = inf ? Math.Max(total, g64.abs().max().item<double>()) : total + g64.abs().pow(normType).sum().item<double>();
        }
        total = inf || grads.Length == 0 ? total : Math.Pow(total, 1 / normType);
        double coefficient = maxNorm / (total + 1e-6);
        return (grads.Select(g => g * coefficient).ToArray(), total);
    }
}

// Expect: WrongAnswer
// Mistake: Scales only when total > max_norm; torch always multiplies by min(1, max_norm / (total + 1e-6)), which is just below 1 when total = max_norm.
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
        double coefficient = total > maxNorm ? maxNorm / (total + 1e-6) : 1.0;
        return (grads.Select(g => g * coefficient).ToArray(), total);
    }
}

// Expect: WrongAnswer
// Mistake: Drops the 1e-6: coefficient min(1, max_norm / total), which differs from torch's when the total is near max_norm or small.
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
        double coefficient = Math.Min(1.0, maxNorm / total);
        return (grads.Select(g => g * coefficient).ToArray(), total);
    }
}

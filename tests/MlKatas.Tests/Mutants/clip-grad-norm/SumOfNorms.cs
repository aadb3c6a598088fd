// Expect: WrongAnswer
// Mistake: Adds the per-tensor norms (Σ‖gᵢ‖) instead of taking the norm of all elements together ((Σ‖gᵢ‖ᵖ)^(1/p)).
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
            total += inf ? g64.abs().max().item<double>() : g64.abs().pow(normType).sum().pow(1 / normType).item<double>();
        }
        double coefficient = Math.Min(1.0, maxNorm / (total + 1e-6));
        return (grads.Select(g => g * coefficient).ToArray(), total);
    }
}

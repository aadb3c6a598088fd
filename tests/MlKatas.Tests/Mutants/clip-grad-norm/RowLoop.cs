// Expect: TooSlow
// Mistake: Correct, but accumulates the norm one row at a time in a C# loop over each gradient's first dim (a Python-style loop where one reduction per tensor exists).
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
            var rows = g64.dim() == 0 ? g64.reshape(1, 1) : g64.reshape(g64.shape[0], -1);
            for (long r = 0; r < rows.shape[0]; r++)
            {
                using var scope = torch.NewDisposeScope();
                var row = rows[r].abs();
                total = inf ? Math.Max(total, row.max().item<double>()) : total + row.pow(normType).sum().item<double>();
            }
        }
        total = inf || grads.Length == 0 ? total : Math.Pow(total, 1 / normType);
        var coefficient = Math.Min(1.0, maxNorm / (total + 1e-6));
        return (grads.Select(g => g * coefficient).ToArray(), total);
    }
}

// Expect: Passed
// Mistake: None: flattens every gradient into one vector, takes its norm once and scales each gradient — a control for the speed budget.
namespace MlKatas.Katas;

public static class GradClipping
{
    public static (Tensor[] Grads, double TotalNorm) ClipGradNorm(Tensor[] grads, double maxNorm, double normType)
    {
        if (grads.Length == 0)
        {
            return ([], 0.0);
        }
        var flat = torch.cat(grads.Select(g => g.reshape(-1)).ToArray());
        var total = double.IsPositiveInfinity(normType) ? flat.abs().max() : flat.abs().pow(normType).sum().pow(1 / normType);
        var coefficient = (maxNorm / (total.to_type(ScalarType.Float64).item<double>() + 1e-6));
        var scale = torch.tensor(Math.Min(1.0, coefficient), dtype: grads[0].dtype);
        return (grads.Select(g => g * scale).ToArray(), total.to_type(ScalarType.Float64).item<double>());
    }
}

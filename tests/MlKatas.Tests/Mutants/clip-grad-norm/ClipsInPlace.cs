// Expect: InputMutated
// Mistake: Clips the gradients in place with mul_, as torch.nn.utils.clip_grad_norm_ does, instead of returning new tensors.
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
        double coefficient = Math.Min(1.0, maxNorm / (total + 1e-6));
        return (grads.Select(g => g.mul_(coefficient)).ToArray(), total);
    }
}

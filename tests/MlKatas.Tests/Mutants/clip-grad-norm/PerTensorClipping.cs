// Expect: WrongAnswer
// Mistake: Clips each gradient by its own norm (the per-parameter clipping some frameworks offer), not by the one global norm of all of them.
namespace MlKatas.Katas;

public static class GradClipping
{
    public static (Tensor[] Grads, double TotalNorm) ClipGradNorm(Tensor[] grads, double maxNorm, double normType)
    {
        double total = 0;
        var clipped = new Tensor[grads.Length];
        for (int i = 0; i < grads.Length; i++)
        {
            double own = double.IsPositiveInfinity(normType)
                ? grads[i].to_type(ScalarType.Float64).abs().max().item<double>()
                : grads[i].to_type(ScalarType.Float64).abs().pow(normType).sum().pow(1 / normType).item<double>();
            total = double.IsPositiveInfinity(normType) ? Math.Max(total, own) : total + Math.Pow(own, normType);
            clipped[i] = grads[i] * Math.Min(1.0, maxNorm / (own + 1e-6));
        }
        return (clipped, double.IsPositiveInfinity(normType) ? total : Math.Pow(total, 1 / normType));
    }
}

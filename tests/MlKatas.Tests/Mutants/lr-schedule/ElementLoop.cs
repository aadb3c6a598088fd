// Expect: TooSlow
// Mistake: Correct, but computes one element at a time in a C# loop that reads steps[i].item<long>() (a tensor call per element).
namespace MlKatas.Katas;

public static class LrSchedule
{
    public static Tensor CosineWithWarmup(Tensor steps, double peakLr, long warmupSteps, long totalSteps, double minLr)
    {
        var flat = steps.reshape(-1);
        var lr = new double[flat.shape[0]];
        for (long i = 0; i < lr.Length; i++)
        {
            using var scope = torch.NewDisposeScope();
            long s = flat[i].item<long>();
            if (s < warmupSteps)
            {
                lr[i] = peakLr * s / Math.Max(1L, warmupSteps);
            }
            else if (s > totalSteps)
            {
                lr[i] = minLr;
            }
            else
            {
                double progress = (double)(s - warmupSteps) / Math.Max(1L, totalSteps - warmupSteps);
                lr[i] = minLr + (peakLr - minLr) * 0.5 * (1 + Math.Cos(Math.PI * progress));
            }
        }
        return torch.tensor(lr, dtype: ScalarType.Float64).reshape(steps.shape);
    }
}

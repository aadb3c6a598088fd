// Expect: WrongAnswer
// Mistake: Does not hold the floor after S: the cosine keeps going and climbs back up (Hugging Face's raw lambda without a clamp).
namespace MlKatas.Katas;

public static class LrSchedule
{
    public static Tensor CosineWithWarmup(Tensor steps, double peakLr, long warmupSteps, long totalSteps, double minLr)
    {
        using var scope = torch.NewDisposeScope();
        var s = steps.to_type(ScalarType.Float64);
        var warm = s / Math.Max(1L, warmupSteps) * peakLr;
        var progress = (s - warmupSteps) / Math.Max(1L, totalSteps - warmupSteps);
        progress = progress.clamp(0.0, 1e300);
        var decay = minLr + (peakLr - minLr) * 0.5 * (torch.cos(progress * Math.PI) + 1.0);
        return torch.where(s.lt(warmupSteps), warm, decay).MoveToOuterDisposeScope();
    }
}

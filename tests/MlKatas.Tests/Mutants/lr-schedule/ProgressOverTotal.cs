// Expect: WrongAnswer
// Mistake: Measures the decay's progress as (s − W) / S instead of (s − W) / (S − W): the cosine has not reached the floor at S.
namespace MlKatas.Katas;

public static class LrSchedule
{
    public static Tensor CosineWithWarmup(Tensor steps, double peakLr, long warmupSteps, long totalSteps, double minLr)
    {
        using var scope = torch.NewDisposeScope();
        var s = steps.to_type(ScalarType.Float64);
        var warm = s / Math.Max(1L, warmupSteps) * peakLr;
        var progress = (s - warmupSteps) / Math.Max(1L, totalSteps);
        progress = progress.clamp(0.0, 1.0);
        var decay = minLr + (peakLr - minLr) * 0.5 * (torch.cos(progress * Math.PI) + 1.0);
        return torch.where(s.lt(warmupSteps), warm, decay).MoveToOuterDisposeScope();
    }
}

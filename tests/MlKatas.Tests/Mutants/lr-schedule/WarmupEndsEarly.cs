// Expect: WrongAnswer
// Mistake: Warm-up as peak · (s + 1) / W, which reaches the peak at step W − 1 instead of W (and is not 0 at step 0).
namespace MlKatas.Katas;

public static class LrSchedule
{
    public static Tensor CosineWithWarmup(Tensor steps, double peakLr, long warmupSteps, long totalSteps, double minLr)
    {
        using var scope = torch.NewDisposeScope();
        var s = steps.to_type(ScalarType.Float64);
        var warm = (s + 1.0) / Math.Max(1L, warmupSteps) * peakLr;
        var progress = (s - warmupSteps) / Math.Max(1L, totalSteps - warmupSteps);
        progress = progress.clamp(0.0, 1.0);
        var decay = minLr + (peakLr - minLr) * 0.5 * (torch.cos(progress * Math.PI) + 1.0);
        return torch.where(s.lt(warmupSteps), warm, decay).MoveToOuterDisposeScope();
    }
}

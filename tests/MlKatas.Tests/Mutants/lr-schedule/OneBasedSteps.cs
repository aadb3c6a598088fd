// Expect: WrongAnswer
// Mistake: Treats steps as 1-based (s + 1 everywhere, as if the first optimiser step were step 1): the whole schedule is shifted one step early.
namespace MlKatas.Katas;

public static class LrSchedule
{
    public static Tensor CosineWithWarmup(Tensor steps, double peakLr, long warmupSteps, long totalSteps, double minLr)
    {
        using var scope = torch.NewDisposeScope();
        var s = steps.to_type(ScalarType.Float64) + 1.0;
        var warm = s / Math.Max(1L, warmupSteps) * peakLr;
        var progress = (s - warmupSteps) / Math.Max(1L, totalSteps - warmupSteps);
        progress = progress.clamp(0.0, 1.0);
        var decay = minLr + (peakLr - minLr) * 0.5 * (torch.cos(progress * Math.PI) + 1.0);
        return torch.where(s.lt(warmupSteps), warm, decay).MoveToOuterDisposeScope();
    }
}

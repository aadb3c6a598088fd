// Expect: Passed
// Mistake: None: plain out-of-place tensor arithmetic with the decay written as cos²(π·progress / 2) (= ½(1 + cos(π·progress))) — a different but correct formulation, a control for the speed budget.
namespace MlKatas.Katas;

public static class LrSchedule
{
    public static Tensor CosineWithWarmup(Tensor steps, double peakLr, long warmupSteps, long totalSteps, double minLr)
    {
        var s = steps.to_type(ScalarType.Float64);
        var warm = s * peakLr / Math.Max(1L, warmupSteps);
        var progress = ((s - warmupSteps) / Math.Max(1L, totalSteps - warmupSteps)).clamp(0.0, 1.0);
        var half = torch.cos(progress * (Math.PI / 2));
        var decay = minLr + (peakLr - minLr) * half.square();
        return torch.where(steps.lt(warmupSteps), warm, decay);
    }
}

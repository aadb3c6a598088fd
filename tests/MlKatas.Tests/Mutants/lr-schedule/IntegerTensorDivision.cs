// Expect: WrongAnswer
// Mistake: Divides the int64 steps tensor by W before converting to float64: TorchSharp's int64 / int64 is a float32 true division, so the warm-up loses precision (and large steps round).
namespace MlKatas.Katas;

public static class LrSchedule
{
    public static Tensor CosineWithWarmup(Tensor steps, double peakLr, long warmupSteps, long totalSteps, double minLr)
    {
        using var scope = torch.NewDisposeScope();
        var s = steps.to_type(ScalarType.Float64);
        var warm = (steps / Math.Max(1L, warmupSteps)).to_type(ScalarType.Float64) * peakLr;
        var progress = (s - warmupSteps) / Math.Max(1L, totalSteps - warmupSteps);
        progress = progress.clamp(0.0, 1.0);
        var decay = minLr + (peakLr - minLr) * 0.5 * (torch.cos(progress * Math.PI) + 1.0);
        return torch.where(s.lt(warmupSteps), warm, decay).MoveToOuterDisposeScope();
    }
}

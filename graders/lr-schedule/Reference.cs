namespace MlKatas.Katas;

/// <summary>Reference for the lr-schedule kata: linear warm-up, cosine decay to a floor, then constant.</summary>
public static class LrSchedule
{
    /// <summary>The learning rate at each of <paramref name="steps"/>.</summary>
    /// <param name="steps">Step numbers, int64, any shape.</param>
    /// <param name="peakLr">Peak learning rate.</param>
    /// <param name="warmupSteps">W.</param>
    /// <param name="totalSteps">S.</param>
    /// <param name="minLr">Floor.</param>
    /// <returns>float64, the shape of <paramref name="steps"/>.</returns>
    public static Tensor CosineWithWarmup(Tensor steps, double peakLr, long warmupSteps, long totalSteps, double minLr)
    {
        using var scope = torch.NewDisposeScope();
        var s = steps.to_type(ScalarType.Float64);   // float64 before any division: int64 / int64 would be float32
        // As Hugging Face's lambda: (s / max(1, W)) · peak in the warm-up.
        var warm = s.div(Math.Max(1L, warmupSteps)).mul_(peakLr);
        // Progress clamped to [0, 1]: past S the cosine is held at its end (cos π = −1, so exactly minLr).
        var progress = s.sub(warmupSteps).div_(Math.Max(1L, totalSteps - warmupSteps)).clamp_(0.0, 1.0);
        var decay = progress.mul_(Math.PI).cos_().add_(1.0).mul_(0.5 * (peakLr - minLr)).add_(minLr);
        return torch.where(s.lt(warmupSteps), warm, decay).MoveToOuterDisposeScope();
    }
}

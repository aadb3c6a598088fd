namespace MlKatas.Katas;

/// <summary>
/// The learning rate of a linear warm-up + cosine decay schedule with a floor, at any integer steps (see README.md for
/// the exact formula and its off-by-ones).
/// </summary>
public static class LrSchedule
{
    /// <summary>
    /// lr(s) = peakLr · s / max(1, W) for s &lt; W; minLr + (peakLr − minLr) · ½(1 + cos(π (s − W) / max(1, S − W))) for
    /// W ≤ s ≤ S; minLr for s &gt; S.
    /// </summary>
    /// <param name="steps">Step numbers, int64, any shape (0-d and empty included), values ≥ 0. Must not be modified.</param>
    /// <param name="peakLr">The learning rate at the end of the warm-up, &gt; 0.</param>
    /// <param name="warmupSteps">W, the number of warm-up steps, ≥ 0.</param>
    /// <param name="totalSteps">S, the step at which the decay reaches minLr, ≥ W.</param>
    /// <param name="minLr">The floor, 0 ≤ minLr ≤ peakLr.</param>
    /// <returns>The learning rate at each step: float64, the shape of <paramref name="steps"/>.</returns>
    public static Tensor CosineWithWarmup(Tensor steps, double peakLr, long warmupSteps, long totalSteps, double minLr)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}

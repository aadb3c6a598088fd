// Expect: WrongDtype
// Mistake: Echoes the steps back (int64) as the learning rates.
namespace MlKatas.Katas;

public static class LrSchedule
{
    public static Tensor CosineWithWarmup(Tensor steps, double peakLr, long warmupSteps, long totalSteps, double minLr)
    {
        return steps.clone();
    }
}

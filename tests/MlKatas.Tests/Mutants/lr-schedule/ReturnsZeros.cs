// Expect: WrongAnswer
// Mistake: Returns zeros of the right shape and dtype.
namespace MlKatas.Katas;

public static class LrSchedule
{
    public static Tensor CosineWithWarmup(Tensor steps, double peakLr, long warmupSteps, long totalSteps, double minLr)
    {
        return torch.zeros(steps.shape, dtype: ScalarType.Float64);
    }
}

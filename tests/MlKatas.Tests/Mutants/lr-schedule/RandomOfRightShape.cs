// Expect: WrongAnswer
// Mistake: Returns uniform random numbers in [0, peakLr) of the right shape and dtype.
namespace MlKatas.Katas;

public static class LrSchedule
{
    public static Tensor CosineWithWarmup(Tensor steps, double peakLr, long warmupSteps, long totalSteps, double minLr)
    {
        return torch.rand(steps.shape, dtype: ScalarType.Float64) * peakLr;
    }
}

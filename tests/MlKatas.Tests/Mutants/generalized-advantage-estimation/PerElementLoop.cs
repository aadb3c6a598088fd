// Expect: TooSlow
// Mistake: Runs the recursion element by element over tensor items — rewards[b, t].item<double>() reads and advantages[b, t] writes in a double C# loop — where the loop over time can be vectorised over the batch.
namespace MlKatas.Katas;

public sealed record GaeOutput(Tensor Advantages, Tensor Returns);

public static class Gae
{
    public static GaeOutput Compute(Tensor rewards, Tensor values, Tensor dones, Tensor lastValues, double gamma, double lambda)
    {
        long batch = rewards.shape[0], steps = rewards.shape[1];
        var advantages = torch.zeros_like(rewards);
        for (long b = 0; b < batch; b++)
        {
            double lastGaeLam = 0;
            for (long t = steps - 1; t >= 0; t--)
            {
                using var scope = torch.NewDisposeScope();
                double notDone = dones[b, t].item<bool>() ? 0.0 : 1.0;
                double next = t == steps - 1 ? lastValues[b].item<double>() : values[b, t + 1].item<double>();
                double delta = rewards[b, t].item<double>() + gamma * next * notDone - values[b, t].item<double>();
                lastGaeLam = delta + gamma * lambda * notDone * lastGaeLam;
                advantages[b, t] = torch.tensor(lastGaeLam, ScalarType.Float64);
            }
        }
        return new GaeOutput(advantages, advantages + values);
    }
}

// Expect: Passed
// Mistake: None: a control. The Python habit written in C#: the buffer walked backwards into a List that is reversed, returns built with torch.tensor, the losses through torch.nn.functional.mse_loss and a dot product — a different but correct solution a strong candidate writes.
namespace MlKatas.Katas;

public sealed record ReinforceOutput(Tensor Loss, Tensor PolicyLoss, Tensor BaselineLoss, Tensor Returns, Tensor Advantages);

public static class Reinforce
{
    public static ReinforceOutput Loss(Tensor logProbs, Tensor baselines, Tensor rewards, Tensor dones, double gamma, double baselineCoef)
    {
        var r = rewards.data<double>();
        var d = dones.to_type(ScalarType.Int64).data<long>();
        var reversed = new List<double>();
        double g = 0;
        for (long n = rewards.shape[0] - 1; n >= 0; n--)
        {
            g = d[n] == 1 ? r[n] : r[n] + gamma * g;
            reversed.Add(g);
        }
        reversed.Reverse();
        var returns = torch.tensor(reversed.ToArray(), dtype: ScalarType.Float64);
        var advantages = (returns - baselines).detach();
        var policyLoss = -logProbs.dot(advantages) / logProbs.shape[0];
        var baselineLoss = torch.nn.functional.mse_loss(baselines, returns);
        var loss = policyLoss + baselineCoef * baselineLoss;
        return new ReinforceOutput(loss, policyLoss, baselineLoss, returns, advantages);
    }
}

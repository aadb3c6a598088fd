// Expect: Passed
// Mistake: None: a control. Written as trainers batch it: chosen and rejected concatenated into one [2B] batch, log-ratios against the reference taken once, then split.
namespace MlKatas.Katas;

public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

public static class Dpo
{
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        var policy = torch.cat(new[] { policyChosenLogps, policyRejectedLogps });
        var reference = torch.cat(new[] { referenceChosenLogps, referenceRejectedLogps });
        var rewards = beta * (policy - reference);
        long b = policyChosenLogps.shape[0];
        var chosen = rewards.narrow(0, 0, b);
        var rejected = rewards.narrow(0, b, b);
        var loss = -torch.nn.functional.logsigmoid(chosen - rejected).mean();
        return new DpoOutput(loss, chosen.detach(), rejected.detach());
    }

    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        var h = (policyChosenLogps - referenceChosenLogps) - (policyRejectedLogps - referenceRejectedLogps);
        return (h - 1.0 / (2.0 * tau)).square().mean();
    }
}

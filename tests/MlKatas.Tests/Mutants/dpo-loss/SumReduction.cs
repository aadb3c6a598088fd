// Expect: WrongAnswer
// Mistake: Sums the per-pair losses over the batch instead of averaging them.
namespace MlKatas.Katas;

public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

public static class Dpo
{
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        var chosen = beta * (policyChosenLogps - referenceChosenLogps);
        var rejected = beta * (policyRejectedLogps - referenceRejectedLogps);
        var loss = -torch.nn.functional.logsigmoid(chosen - rejected).sum();
        return new DpoOutput(loss, chosen.detach(), rejected.detach());
    }

    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        var h = (policyChosenLogps - referenceChosenLogps) - (policyRejectedLogps - referenceRejectedLogps);
        return (h - 1.0 / (2.0 * tau)).square().sum();
    }
}

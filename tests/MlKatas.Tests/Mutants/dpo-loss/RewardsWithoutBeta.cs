// Expect: WrongAnswer
// Mistake: Reports the implicit rewards as plain log-ratios log π − log π_ref, without the factor β.
namespace MlKatas.Katas;

public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

public static class Dpo
{
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        var chosen = policyChosenLogps - referenceChosenLogps;
        var rejected = policyRejectedLogps - referenceRejectedLogps;
        var loss = -torch.nn.functional.logsigmoid(beta * (chosen - rejected)).mean();
        return new DpoOutput(loss, chosen.detach(), rejected.detach());
    }

    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        var h = (policyChosenLogps - referenceChosenLogps) - (policyRejectedLogps - referenceRejectedLogps);
        return (h - 1.0 / (2.0 * tau)).square().mean();
    }
}

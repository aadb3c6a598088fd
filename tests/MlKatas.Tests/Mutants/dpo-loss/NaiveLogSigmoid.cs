// Expect: NonFinite
// Mistake: Writes log σ(x) as log(sigmoid(x)): σ(x) underflows to 0 for x < −745 and the loss becomes +∞ (use logsigmoid or −softplus(−x)).
namespace MlKatas.Katas;

public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

public static class Dpo
{
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        var chosen = beta * (policyChosenLogps - referenceChosenLogps);
        var rejected = beta * (policyRejectedLogps - referenceRejectedLogps);
        var loss = -torch.log(torch.sigmoid(chosen - rejected)).mean();
        return new DpoOutput(loss, chosen.detach(), rejected.detach());
    }

    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        var h = (policyChosenLogps - referenceChosenLogps) - (policyRejectedLogps - referenceRejectedLogps);
        return (h - 1.0 / (2.0 * tau)).square().mean();
    }
}

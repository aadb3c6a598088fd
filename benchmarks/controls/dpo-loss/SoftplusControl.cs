// Expect: Passed
// Mistake: None: a control. −log σ(x) written as softplus(−x) with its default threshold (20), IPO with pow(2); different ops, same answer.
namespace MlKatas.Katas;

public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

public static class Dpo
{
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        var chosen = beta * (policyChosenLogps - referenceChosenLogps);
        var rejected = beta * (policyRejectedLogps - referenceRejectedLogps);
        var loss = torch.nn.functional.softplus(rejected - chosen).mean();
        return new DpoOutput(loss, chosen.detach(), rejected.detach());
    }

    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        var piLogratios = policyChosenLogps - policyRejectedLogps;
        var refLogratios = referenceChosenLogps - referenceRejectedLogps;
        return (piLogratios - refLogratios - 1 / (2 * tau)).pow(2).mean();
    }
}

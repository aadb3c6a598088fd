// Expect: WrongAnswer
// Mistake: Swaps chosen and rejected in the margin: −log σ(r_l − r_w), which trains the policy towards the rejected responses.
namespace MlKatas.Katas;

public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

public static class Dpo
{
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        var chosen = beta * (policyChosenLogps - referenceChosenLogps);
        var rejected = beta * (policyRejectedLogps - referenceRejectedLogps);
        var loss = -torch.nn.functional.logsigmoid(rejected - chosen).mean();
        return new DpoOutput(loss, chosen.detach(), rejected.detach());
    }

    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        var h = (policyChosenLogps - referenceChosenLogps) - (policyRejectedLogps - referenceRejectedLogps);
        return (h - 1.0 / (2.0 * tau)).square().mean();
    }
}

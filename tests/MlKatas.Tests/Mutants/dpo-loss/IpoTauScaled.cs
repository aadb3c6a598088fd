// Expect: WrongAnswer
// Mistake: Writes IPO like DPO with τ in front of the log-ratios, (τ·h − 1/2)², which is τ² times the paper's (h − 1/(2τ))².
namespace MlKatas.Katas;

public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

public static class Dpo
{
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        var chosen = beta * (policyChosenLogps - referenceChosenLogps);
        var rejected = beta * (policyRejectedLogps - referenceRejectedLogps);
        var loss = -torch.nn.functional.logsigmoid(chosen - rejected).mean();
        return new DpoOutput(loss, chosen.detach(), rejected.detach());
    }

    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        var h = (policyChosenLogps - referenceChosenLogps) - (policyRejectedLogps - referenceRejectedLogps);
        return (tau * h - 0.5).square().mean();
    }
}
